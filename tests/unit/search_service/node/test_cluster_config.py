"""The pure half of a local cluster: its plan, each node's elasticsearch.yml, the heap."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search_service.node.config import (
    ClusterPlan,
    cluster_node_yaml,
    node_yaml,
    plan_cluster,
)
from search_service.settings import CLUSTER_NODE_HEAP, SINGLE_NODE_HEAP, Settings

PLAN = plan_cluster("wortlaut-test", [9201, 9202, 9203], [9301, 9302, 9303])


def member_yaml(plan: ClusterPlan, number: int) -> dict[str, object]:
    member = plan.members[number - 1]
    text = cluster_node_yaml(plan, member, data_dir=Path(f"/c/{member.name}/data"),
                             logs_dir=Path(f"/c/{member.name}/logs"),
                             snapshot_dir=Path("/c/snapshots"))
    loaded: dict[str, object] = yaml.safe_load(text)
    return loaded


def test_the_plan_names_the_nodes_and_their_ports_in_order() -> None:
    assert [m.name for m in PLAN.members] == ["node-1", "node-2", "node-3"]
    assert PLAN.urls == ("http://127.0.0.1:9201", "http://127.0.0.1:9202",
                         "http://127.0.0.1:9203")
    assert [m.transport_address for m in PLAN.members] == [
        "127.0.0.1:9301", "127.0.0.1:9302", "127.0.0.1:9303"]
    assert not PLAN.formed


@pytest.mark.parametrize(("http", "transport"), [
    ([9201], [9301]),  # one node is not a cluster
    ([9201, 9202], [9301]),  # a port missing
    ([9201, 9202], [9301, 9201]),  # a port used twice
])
def test_a_plan_needs_two_nodes_with_distinct_ports(http: list[int], transport: list[int]
                                                   ) -> None:
    with pytest.raises(ValueError, match="cluster"):
        plan_cluster("c", http, transport)


def test_the_plan_survives_its_json_file() -> None:
    formed = ClusterPlan(PLAN.name, PLAN.members, formed=True)
    assert ClusterPlan.from_json(formed.to_json()) == formed
    assert ClusterPlan.from_json(PLAN.to_json()) == PLAN


def test_each_node_finds_all_others_and_bootstraps_with_their_names() -> None:
    for number in (1, 2, 3):
        settings = member_yaml(PLAN, number)
        assert settings["cluster.name"] == "wortlaut-test"
        assert settings["node.name"] == f"node-{number}"
        assert settings["http.port"] == 9200 + number
        assert settings["transport.port"] == 9300 + number
        assert settings["network.host"] == "127.0.0.1"
        assert settings["path.data"] == f"/c/node-{number}/data"
        assert settings["discovery.seed_hosts"] == [
            "127.0.0.1:9301", "127.0.0.1:9302", "127.0.0.1:9303"]
        assert settings["cluster.initial_master_nodes"] == ["node-1", "node-2", "node-3"]
        assert "discovery.type" not in settings  # not single-node
        assert settings["xpack.security.enabled"] is False
        assert settings["action.auto_create_index"] is False


def test_a_formed_cluster_is_never_bootstrapped_again() -> None:
    formed = ClusterPlan(PLAN.name, PLAN.members, formed=True)
    settings = member_yaml(formed, 2)
    assert "cluster.initial_master_nodes" not in settings
    assert settings["discovery.seed_hosts"] == [m.transport_address for m in PLAN.members]


def test_the_single_node_stays_single() -> None:
    settings = yaml.safe_load(node_yaml(http_port=9250, transport_port=9350,
                                        data_dir=Path("/n/data"), logs_dir=Path("/n/logs"),
                                        snapshot_dir=Path("/n/snapshots")))
    assert settings["discovery.type"] == "single-node"
    assert settings["cluster.name"] == settings["node.name"] == "wortlaut-local"
    assert "discovery.seed_hosts" not in settings
    assert "cluster.initial_master_nodes" not in settings


def test_the_heap_defaults_to_less_per_node_in_a_cluster() -> None:
    unset = Settings.from_env({"WORTLAUT_HOME": "/tmp/w"})
    assert unset.es_heap is None
    assert unset.node_heap(1) == SINGLE_NODE_HEAP == "1g"
    assert unset.node_heap(3) == CLUSTER_NODE_HEAP == "512m"
    given = Settings.from_env({"WORTLAUT_HOME": "/tmp/w", "WORTLAUT_ES_HEAP": "384m"})
    assert given.node_heap(1) == given.node_heap(3) == "384m"
