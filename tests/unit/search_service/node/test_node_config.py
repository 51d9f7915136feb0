from __future__ import annotations

from pathlib import Path

import pytest

from search_service.node.config import heap_options, node_yaml
from search_service.node.java import parse_java_major


def test_node_yaml_is_a_loopback_single_node() -> None:
    text = node_yaml(http_port=9250, transport_port=9350, data_dir=Path("/n/data"),
                     logs_dir=Path("/n/logs"), snapshot_dir=Path("/n/snapshots"))
    lines = dict(line.split(": ", 1) for line in text.splitlines())
    assert lines["network.host"] == '"127.0.0.1"'
    assert lines["http.port"] == "9250"
    assert lines["transport.port"] == "9350"
    assert lines["discovery.type"] == '"single-node"'
    assert lines["path.data"] == '"/n/data"'
    assert lines["path.repo"] == '"/n/snapshots"'  # wortlaut snapshot may write there
    assert lines["cluster.routing.allocation.disk.threshold_enabled"] == "false"


def test_heap_is_fixed() -> None:
    assert heap_options("1g") == "-Xms1g\n-Xmx1g\n"


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('openjdk version "21" 2023-09-19', 21),
        ('java version "1.8.0_392"', 8),
        ("no java here", None),
    ],
)
def test_parse_java_major(output: str, major: int | None) -> None:
    assert parse_java_major(output) == major
