"""A local cluster of several nodes from the same distribution: ``wortlaut es start --nodes 3``.

Each node is a :class:`~search_service.node.process.LocalNode` in its own folder
(``<node_dir>/node-1``, ``node-2`` ...) with its own HTTP and transport ports and heap. The
nodes find each other at their transport addresses (``discovery.seed_hosts``) and, on the
very first start, elect a master among the names they are given
(``cluster.initial_master_nodes``). ``<node_dir>/cluster.json`` keeps the plan (names, ports,
whether the cluster has formed), so a later start brings every node back with the same
ports and data, and a node that died is started again on its own.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from search_service.errors import NodeError
from search_service.node.config import (
    LOOPBACK,
    ClusterMember,
    ClusterPlan,
    cluster_node_yaml,
    plan_cluster,
)
from search_service.node.probe import NodeInfo, cluster_health, cluster_nodes, health_report
from search_service.node.process import (
    LocalNode,
    find_runtime,
    free_ports,
    port_free,
    throwaway_folder,
)
from search_service.settings import Settings

PLAN_FILE = "cluster.json"
LOCAL_CLUSTER_NAME = "wortlaut-local-cluster"
SINGLE_NODE_TIMEOUT = 180.0
CLUSTER_TIMEOUT = 300.0  # several JVMs starting at once on a small machine
USABLE = frozenset({"green", "yellow"})


@dataclass(frozen=True)
class MemberStatus:
    """One node of the local cluster as ``wortlaut es status`` shows it."""

    member: ClusterMember
    running: bool  # its process lives and its HTTP port answers
    health: str | None  # the cluster's health as this node sees it
    info: NodeInfo | None  # roles and master flag, as the cluster lists the node


class LocalCluster:
    def __init__(self, settings: Settings, cluster_dir: Path | None = None,
                 name: str = LOCAL_CLUSTER_NAME) -> None:
        self.settings = settings
        self.cluster_dir = cluster_dir or settings.node_dir
        self.plan_file = self.cluster_dir / PLAN_FILE
        self.name = name  # used when the cluster is first planned
        self._nodes: dict[str, LocalNode] = {}

    # -- inspection ---------------------------------------------------------
    def plan(self) -> ClusterPlan | None:
        """The recorded plan, or None when no cluster was ever started in this folder."""
        try:
            return ClusterPlan.from_json(json.loads(self.plan_file.read_text()))
        except (FileNotFoundError, ValueError, TypeError, KeyError):
            return None

    def node(self, member: ClusterMember) -> LocalNode:
        """The node of ``member``; one object per member, so the process it starts is
        watched (and reaped) by the same object."""
        if member.name not in self._nodes:
            self._nodes[member.name] = LocalNode(self.settings, self.cluster_dir / member.name)
        return self._nodes[member.name]

    @property
    def url(self) -> str | None:
        """Every planned node's URL, comma-separated (WORTLAUT_ES_URL's form), running or
        not; None before the first start."""
        plan = self.plan()
        return ",".join(plan.urls) if plan else None

    def running_url(self) -> str | None:
        """:attr:`url` if at least one node runs and answers, else None. The nodes that are
        down are listed too: the client skips them and comes back once they answer."""
        plan = self.plan()
        if plan is None or not any(self.node(m).running_url() for m in plan.members):
            return None
        return self.url

    def status(self) -> list[MemberStatus]:
        """Each planned node: running or not, health, roles and whether it is the master."""
        plan = self.plan()
        if plan is None:
            return []
        running = {m.name: self.node(m).running_url() is not None for m in plan.members}
        listed: list[NodeInfo] = []
        for member in plan.members:
            if running[member.name] and (found := cluster_nodes(member.url)) is not None:
                listed = found
                break
        info = {node.name: node for node in listed}
        return [MemberStatus(member, running[member.name],
                             cluster_health(member.url) if running[member.name] else None,
                             info.get(member.name))
                for member in plan.members]

    # -- lifecycle ----------------------------------------------------------
    def start(self, nodes: int = 3, timeout: float = CLUSTER_TIMEOUT) -> str:
        """Start every node that is not running (all of them the first time), wait until
        all have joined and the health is yellow or green; return every node's URL,
        comma-separated."""
        plan = self.plan()
        if plan is not None and len(plan.members) != nodes:
            raise NodeError(
                f"The local cluster in {self.cluster_dir} has {len(plan.members)} nodes, not "
                f"{nodes}: start it with --nodes {len(plan.members)}, or stop it and delete "
                f"{self.plan_file} and the node-* folders beside it for a new cluster (its "
                "indices are lost).")
        plan = plan or self._new_plan(nodes)
        down = [member for member in plan.members if self.node(member).running_url() is None]
        if down:
            runtime = find_runtime(self.settings)
            self._check_ports(down)
            heap = self.settings.node_heap(nodes)
            started = []
            try:
                for member in down:
                    node = self.node(member)
                    node.stop()  # what a crash left behind
                    node.launch(runtime, cluster_node_yaml(plan, member, data_dir=node.data_dir,
                                                           logs_dir=node.logs_dir,
                                                           snapshot_dir=self.settings.snapshots),
                                member.http_port, heap)
                    started.append(node)
                self._wait_formed(plan, started, timeout)
            except BaseException:
                for node in started:
                    node.stop()
                raise
        if not plan.formed:
            self._write(ClusterPlan(plan.name, plan.members, formed=True))
        return ",".join(plan.urls)

    def stop(self) -> bool:
        """Stop every node, all at once; True if any was running. The plan and the data
        stay, so the next start brings the same cluster back."""
        plan = self.plan()
        if plan is None:
            return False
        nodes = [self.node(member) for member in plan.members]
        with ThreadPoolExecutor(max_workers=len(nodes)) as pool:
            return any(list(pool.map(LocalNode.stop, nodes)))

    # -- helpers ------------------------------------------------------------
    def _new_plan(self, nodes: int) -> ClusterPlan:
        first = self.settings.es_port
        if first is None:
            ports = free_ports(2 * nodes)
            http, transport = ports[:nodes], ports[nodes:]
        else:
            http = list(range(first, first + nodes))
            taken = [port for port in http if port > 65535 or not port_free(port)]
            if taken:
                raise NodeError(
                    f"Port {taken[0]} on {LOOPBACK} is taken or invalid: a local cluster of "
                    f"{nodes} nodes uses WORTLAUT_ES_PORT={first} and the {nodes - 1} ports after "
                    "it. Set WORTLAUT_ES_PORT to the first of free ports, or unset it to let "
                    "Wortlaut pick free ones.")
            transport = [port for port in free_ports(2 * nodes) if port not in http][:nodes]
        self.cluster_dir.mkdir(parents=True, exist_ok=True)
        plan = plan_cluster(self.name, http, transport)
        self._write(plan)
        return plan

    def _write(self, plan: ClusterPlan) -> None:
        self.plan_file.write_text(json.dumps(plan.to_json(), indent=1))

    def _check_ports(self, members: list[ClusterMember]) -> None:
        for member in members:
            for port in (member.http_port, member.transport_port):
                if not port_free(port):
                    raise NodeError(
                        f"Port {port} on {LOOPBACK}, recorded for {member.name} of the local "
                        f"cluster in {self.plan_file}, is taken by another program. Stop that "
                        "program, or stop the cluster (`wortlaut es stop`) and delete its folder "
                        "for a new one on free ports (its indices are lost).")

    def _wait_formed(self, plan: ClusterPlan, started: list[LocalNode], timeout: float) -> None:
        """Until every node answers, counts all nodes in the cluster and its health is
        yellow or green; a node that exits or a timeout raise NodeError with its log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for node in started:
                node.raise_if_exited()
            if all(_joined(member.url, len(plan.members)) for member in plan.members):
                return
            time.sleep(1.0)
        tails = "\n".join(f"--- {node.logs_dir}:\n{node.log_tail(8)}" for node in started)
        raise NodeError(
            f"The local cluster of {len(plan.members)} nodes did not form within {timeout:.0f} s "
            f"and the nodes started now were stopped. Their logs end with:\n{tails}")


def _joined(url: str, nodes: int) -> bool:
    report = health_report(url)
    return (report is not None and report.get("status") in USABLE
            and report.get("number_of_nodes") == nodes)


def running_local_url(settings: Settings) -> str | None:
    """The URL(s) of what ``wortlaut es start`` started here: the local cluster's nodes
    (comma-separated) if it runs, else the single node's URL, else None."""
    return LocalCluster(settings).running_url() or LocalNode(settings).running_url()


def start_local(settings: Settings, nodes: int, timeout: float | None = None) -> str:
    """``wortlaut es start``: the single node (``nodes`` = 1) or a local cluster of ``nodes``
    nodes, in the same folder; either refuses to start while the other runs."""
    cluster, single = LocalCluster(settings), LocalNode(settings)
    if nodes == 1:
        running = cluster.running_url()
        if running:
            raise NodeError(
                f"A local cluster runs in {cluster.cluster_dir} ({running}): start it with "
                f"--nodes {len(running.split(','))} to use it, or stop it first "
                "(`wortlaut es stop`).")
        return single.start(timeout or SINGLE_NODE_TIMEOUT)
    running = single.running_url()
    if running:
        raise NodeError(
            f"The local single node runs in {single.node_dir} ({running}). Stop it first "
            "(`wortlaut es stop`), then start the cluster.")
    return cluster.start(nodes, timeout or CLUSTER_TIMEOUT)


@contextlib.contextmanager
def throwaway_cluster(settings: Settings, purpose: str, nodes: int = 3
                      ) -> Iterator[LocalCluster]:
    """A fresh local cluster of ``nodes`` nodes in its own folder
    (``<home>/<purpose>-nodes/...``), started, for one test module or benchmark run;
    stopped and removed whatever happens. Its URLs: ``cluster.running_url()``."""
    folder = throwaway_folder(settings, purpose)
    cluster = LocalCluster(settings, folder, name=f"wortlaut-{purpose}-{folder.name}")
    try:
        cluster.start(nodes)
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
