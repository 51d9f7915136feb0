"""Pure configuration of local nodes: ``elasticsearch.yml`` for a single node or for each
node of a local cluster, the cluster's plan, and heap options."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"
SINGLE_NODE_NAME = "wortlaut-local"


@dataclass(frozen=True)
class ClusterMember:
    """One node of a local cluster: its name (``node-1`` ...) and its two ports."""

    name: str
    http_port: int
    transport_port: int

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}"

    @property
    def transport_address(self) -> str:
        return f"{LOOPBACK}:{self.transport_port}"


@dataclass(frozen=True)
class ClusterPlan:
    """What a local cluster is made of, kept in its folder (``cluster.json``) so that every
    later start gives each node the same name, ports and folder.

    ``formed``: the nodes have elected a master once. Until then each node is told the
    names of the master-eligible nodes to bootstrap from (``cluster.initial_master_nodes``);
    afterwards never again, as Elasticsearch requires.
    """

    name: str
    members: tuple[ClusterMember, ...]
    formed: bool = False

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(member.url for member in self.members)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "formed": self.formed,
                "members": [vars(member) for member in self.members]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClusterPlan:
        return cls(name=str(data["name"]), formed=bool(data["formed"]),
                   members=tuple(ClusterMember(**member) for member in data["members"]))


def plan_cluster(name: str, http_ports: Sequence[int], transport_ports: Sequence[int]
                 ) -> ClusterPlan:
    """A new cluster ``name`` of one node per HTTP port, named ``node-1``, ``node-2`` ..."""
    if len(http_ports) != len(transport_ports) or len(http_ports) < 2:
        raise ValueError("a cluster needs at least two nodes, each with both ports")
    if len({*http_ports, *transport_ports}) != 2 * len(http_ports):
        raise ValueError("every port of a cluster must be different")
    return ClusterPlan(name, tuple(
        ClusterMember(f"node-{number}", http, transport)
        for number, (http, transport) in enumerate(zip(http_ports, transport_ports,
                                                       strict=True), start=1)))


def node_yaml(*, http_port: int, transport_port: int, data_dir: Path, logs_dir: Path,
              snapshot_dir: Path) -> str:
    """Settings for a local throwaway single node."""
    return _render({
        **_local_node(SINGLE_NODE_NAME, SINGLE_NODE_NAME, data_dir, logs_dir,
                      http_port, transport_port, snapshot_dir),
        "discovery.type": "single-node",
    })


def cluster_node_yaml(plan: ClusterPlan, member: ClusterMember, *, data_dir: Path,
                      logs_dir: Path, snapshot_dir: Path) -> str:
    """Settings for ``member`` of the local cluster ``plan``: it finds the others at their
    transport addresses; before the cluster has formed it may bootstrap it with them."""
    settings: dict[str, str | list[str]] = {
        **_local_node(plan.name, member.name, data_dir, logs_dir,
                      member.http_port, member.transport_port, snapshot_dir),
        "discovery.seed_hosts": [other.transport_address for other in plan.members],
    }
    if not plan.formed:
        settings["cluster.initial_master_nodes"] = [other.name for other in plan.members]
    return _render(settings)


def _local_node(cluster_name: str, node_name: str, data_dir: Path, logs_dir: Path,
                http_port: int, transport_port: int,
                snapshot_dir: Path) -> dict[str, str | list[str]]:
    """What every local node shares.

    Loopback only; no security (the node is reachable from this machine only and
    holds no secrets); disk watermarks off so a full developer disk does not turn
    indices read-only in the middle of a test run. ``path.repo`` allows snapshots into
    WORTLAUT_SNAPSHOT_DIR (``wortlaut snapshot``; every node of a cluster shares it).
    """
    return {
        "cluster.name": cluster_name,
        "node.name": node_name,
        "path.data": str(data_dir),
        "path.logs": str(logs_dir),
        "path.repo": str(snapshot_dir),
        "network.host": LOOPBACK,
        "http.port": str(http_port),
        "transport.port": str(transport_port),
        "xpack.security.enabled": "false",
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        "action.auto_create_index": "false",
    }


def heap_options(heap: str) -> str:
    """JVM options file content fixing min and max heap to the same size."""
    return f"-Xms{heap}\n-Xmx{heap}\n"


def _render(settings: dict[str, str | list[str]]) -> str:
    return "".join(f"{key}: {_yaml_value(value)}\n" for key, value in settings.items())


def _yaml_value(value: str | list[str]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(item) for item in value) + "]"
    return _yaml_scalar(value)


def _yaml_scalar(value: str) -> str:
    if value in {"true", "false"} or value.isdigit():
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
