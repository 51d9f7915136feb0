"""Pure configuration of a local single node: ``elasticsearch.yml`` and heap options."""

from __future__ import annotations

from pathlib import Path


def node_yaml(*, http_port: int, transport_port: int, data_dir: Path, logs_dir: Path) -> str:
    """Settings for a local throwaway node.

    Loopback only; no security (the node is reachable from this machine only and
    holds no secrets); disk watermarks off so a full developer disk does not turn
    indices read-only in the middle of a test run.
    """
    settings = {
        "cluster.name": "wortlaut-local",
        "node.name": "wortlaut-local",
        "path.data": str(data_dir),
        "path.logs": str(logs_dir),
        "network.host": "127.0.0.1",
        "http.port": str(http_port),
        "transport.port": str(transport_port),
        "discovery.type": "single-node",
        "xpack.security.enabled": "false",
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        "action.auto_create_index": "false",
    }
    return "".join(f"{key}: {_yaml_scalar(value)}\n" for key, value in settings.items())


def heap_options(heap: str) -> str:
    """JVM options file content fixing min and max heap to the same size."""
    return f"-Xms{heap}\n-Xmx{heap}\n"


def _yaml_scalar(value: str) -> str:
    if value in {"true", "false"} or value.isdigit():
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
