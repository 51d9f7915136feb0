"""docker-compose.yml and the Dockerfile: valid Compose, and in step with the app.

No Docker engine is needed: the Compose file is checked against the vendored Compose
specification schema (tests/fixtures/compose-spec/) and against the settings the app
reads (``search_service.settings``), the Dockerfile against the code it starts.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft7Validator

from search_service.settings import DEFAULT_ES_VERSION, Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
CLUSTER_COMPOSE_FILE = ROOT / "docker-compose.cluster.yml"  # three nodes, README "Scale-out"
DOCKERFILE = ROOT / "Dockerfile"
SCHEMA_FILE = ROOT / "tests" / "fixtures" / "compose-spec" / "compose-spec.json"

ES_HUNSPELL_DIR = "/usr/share/elasticsearch/config/hunspell/de_DE"
ES_IMAGE_REPOSITORY = "docker.elastic.co/elasticsearch/elasticsearch"


# --- loading -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft7Validator:
    # The schema uses draft-07 keywords (see the fixture's PROVENANCE.md). Its "$ref"s
    # are all "#/definitions/..." (checked below), so they resolve inside the document
    # and nothing is fetched.
    return Draft7Validator(schema)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


@pytest.fixture(scope="module")
def web_settings(services: dict[str, dict[str, Any]]) -> Settings:
    return Settings.from_env(environment(services["web"]))


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8"))


# --- helpers -------------------------------------------------------------------------


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's ``environment`` (mapping or ``KEY=VALUE`` list) as a str mapping."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        return dict(item.split("=", 1) for item in raw)
    return {key: "" if value is None else str(value) for key, value in raw.items()}


def mounts(service: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(source, target, read_only) for each volume, short or long syntax."""
    found = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            found.append((volume["source"], volume["target"], bool(volume.get("read_only"))))
        else:
            source, target, *options = volume.split(":")
            found.append((source, target, "ro" in ",".join(options).split(",")))
    return found


def published_ports(service: dict[str, Any]) -> list[tuple[str | None, str, str]]:
    """(host_ip, published, target) for each port, short or long syntax."""
    found = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            found.append((port.get("host_ip"), str(port.get("published", "")), str(port["target"])))
            continue
        parts = str(port).split(":")
        if len(parts) == 3:
            found.append((parts[0], parts[1], parts[2]))
        elif len(parts) == 2:
            found.append((None, parts[0], parts[1]))
        else:
            found.append((None, "", parts[0]))
    return found


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions = []
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    return instructions


def last_instruction(instructions: list[tuple[str, str]], keyword: str) -> str:
    matching = [arguments for name, arguments in instructions if name == keyword]
    assert matching, f"the Dockerfile has no {keyword} instruction"
    return matching[-1]


def dockerfile_env(instructions: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for name, arguments in instructions:
        if name == "ENV":
            for word in shlex.split(arguments):
                key, _, value = word.partition("=")
                env[key] = value
    return env


def command(instructions: list[tuple[str, str]]) -> list[str]:
    found: list[str] = json.loads(last_instruction(instructions, "CMD"))
    return found


def schema_refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from schema_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_refs(item)


# --- the vendored schema -------------------------------------------------------------


def test_vendored_schema_is_a_valid_draft7_schema(schema: dict[str, Any]) -> None:
    Draft7Validator.check_schema(schema)
    assert schema["title"] == "Compose Specification"
    assert "service" in schema["definitions"]


def test_vendored_schema_only_refers_to_itself(schema: dict[str, Any]) -> None:
    refs = list(schema_refs(schema))
    assert refs, "expected $refs into #/definitions"
    assert [ref for ref in refs if not ref.startswith("#/")] == []


def test_schema_rejects_an_unknown_service_key(validator: Draft7Validator) -> None:
    # Guards the validation test below against a schema that accepts anything.
    misspelt = {"services": {"web": {"image": "wortlaut:latest", "enviroment": {}}}}
    assert not validator.is_valid(misspelt)


# --- docker-compose.yml is valid Compose ---------------------------------------------


def test_compose_file_is_valid_per_compose_specification(
    validator: Draft7Validator, compose: dict[str, Any]
) -> None:
    errors = [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in validator.iter_errors(compose)
    ]
    assert errors == []


def test_compose_file_has_no_obsolete_version_key(compose: dict[str, Any]) -> None:
    assert "version" not in compose


def test_compose_file_declares_the_named_volumes(compose: dict[str, Any]) -> None:
    assert set(compose["volumes"]) == {"esdata", "snapshots", "hunspell"}


def test_snapshots_go_to_a_volume_in_path_repo_that_the_app_names(
    web_settings: Settings, services: dict[str, dict[str, Any]]
) -> None:
    elasticsearch = services["elasticsearch"]
    repo = elasticsearch["environment"]["path.repo"]
    assert f"snapshots:{repo}" in elasticsearch["volumes"]
    assert str(web_settings.snapshots) == repo
    indexer = Settings.from_env({k: str(v) for k, v in
                                 services["indexer"]["environment"].items()})
    assert str(indexer.snapshots) == repo  # `docker compose run indexer wortlaut snapshot`


# --- the web service, as the app reads it --------------------------------------------


def test_web_es_url_points_at_the_elasticsearch_service(
    web_settings: Settings, services: dict[str, dict[str, Any]]
) -> None:
    assert web_settings.es_url is not None
    url = urlsplit(web_settings.es_url)
    assert url.hostname == "elasticsearch"
    assert url.hostname in services
    assert url.port == 9200


def test_web_port_is_the_container_port_it_publishes(
    web_settings: Settings, services: dict[str, dict[str, Any]]
) -> None:
    targets = [target for _, _, target in published_ports(services["web"])]
    assert targets == [str(web_settings.web_port)]


def test_web_listens_on_all_container_interfaces(web_settings: Settings) -> None:
    assert web_settings.web_host == "0.0.0.0"


def test_web_index_prefix_is_accepted_by_settings(web_settings: Settings) -> None:
    assert web_settings.index_prefix == "wortlaut"


def test_published_ports_bind_to_localhost_only(services: dict[str, dict[str, Any]]) -> None:
    ports = {
        name: published_ports(service) for name, service in services.items() if "ports" in service
    }
    assert set(ports) == {"elasticsearch", "web"}
    for name, mappings in ports.items():
        for host_ip, _, _ in mappings:
            assert host_ip == "127.0.0.1", f"{name} publishes on {host_ip or 'all interfaces'}"


@pytest.mark.parametrize("service_name", ["web", "indexer"])
def test_app_services_wait_for_healthy_elasticsearch(
    services: dict[str, dict[str, Any]], service_name: str
) -> None:
    depends_on = services[service_name]["depends_on"]
    assert depends_on["elasticsearch"]["condition"] == "service_healthy"


def test_web_healthcheck_requests_healthz(
    services: dict[str, dict[str, Any]], web_settings: Settings
) -> None:
    test = " ".join(services["web"]["healthcheck"]["test"])
    assert f"http://127.0.0.1:{web_settings.web_port}/healthz" in test


# --- the indexer ----------------------------------------------------------------------


def test_indexer_mounts_data_read_only(services: dict[str, dict[str, Any]]) -> None:
    assert ("./data", "/data", True) in mounts(services["indexer"])


def test_indexer_runs_wortlaut_index_on_the_mounted_data(
    services: dict[str, dict[str, Any]],
) -> None:
    # /data/samples: the releases; /data/mappings holds field mappings, not releases.
    assert services["indexer"]["command"] == ["wortlaut", "index", "/data/samples"]


def test_indexer_is_one_shot(services: dict[str, dict[str, Any]]) -> None:
    assert services["indexer"]["restart"] == "no"


def test_indexer_uses_the_same_elasticsearch_and_prefix_as_web(
    services: dict[str, dict[str, Any]], web_settings: Settings
) -> None:
    indexer_settings = Settings.from_env(environment(services["indexer"]))
    assert indexer_settings.es_url == web_settings.es_url
    assert indexer_settings.index_prefix == web_settings.index_prefix


# --- Elasticsearch ---------------------------------------------------------------------


def test_elasticsearch_image_is_the_default_version(
    services: dict[str, dict[str, Any]],
) -> None:
    repository, _, tag = services["elasticsearch"]["image"].rpartition(":")
    assert repository == ES_IMAGE_REPOSITORY
    assert tag == DEFAULT_ES_VERSION


def test_elasticsearch_healthcheck_waits_for_cluster_health(
    services: dict[str, dict[str, Any]],
) -> None:
    healthcheck = services["elasticsearch"]["healthcheck"]
    test = " ".join(healthcheck["test"])
    assert "curl" in test
    assert "http://localhost:9200/_cluster/health?wait_for_status=yellow" in test
    assert {"interval", "timeout", "retries", "start_period"} <= set(healthcheck)


def test_elasticsearch_is_a_single_node_with_a_fixed_heap(
    services: dict[str, dict[str, Any]],
) -> None:
    env = environment(services["elasticsearch"])
    assert env["discovery.type"] == "single-node"
    assert env["ES_JAVA_OPTS"] == "-Xms1g -Xmx1g"


def test_elasticsearch_memory_is_limited(services: dict[str, dict[str, Any]]) -> None:
    service = services["elasticsearch"]
    deploy_limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
    limit = service.get("mem_limit") or deploy_limits.get("memory")
    assert limit is not None, "set mem_limit or deploy.resources.limits.memory"
    assert re.fullmatch(r"[1-9][0-9]*[mg]", str(limit))


def test_elasticsearch_keeps_data_on_a_named_volume(
    services: dict[str, dict[str, Any]],
) -> None:
    assert ("esdata", "/usr/share/elasticsearch/data", False) in mounts(services["elasticsearch"])


def test_elasticsearch_reads_the_hunspell_volume_read_only(
    services: dict[str, dict[str, Any]],
) -> None:
    assert ("hunspell", ES_HUNSPELL_DIR, True) in mounts(services["elasticsearch"])


# --- the dictionary hand-over ------------------------------------------------------------


def test_hunspell_service_fills_the_volume_elasticsearch_reads(
    services: dict[str, dict[str, Any]],
) -> None:
    hunspell = services["hunspell"]
    [(source, target, read_only)] = mounts(hunspell)
    assert (source, read_only) == ("hunspell", False)
    command = " ".join(hunspell["command"])
    assert "cp -L" in command
    for name in ("de_DE.aff", "de_DE.dic"):
        assert f"/usr/share/hunspell/{name}" in command
    assert command.rstrip("/").endswith(target)


def test_hunspell_service_uses_the_app_image(services: dict[str, dict[str, Any]]) -> None:
    assert services["hunspell"]["image"] == services["web"]["image"] == "wortlaut:latest"
    assert services["hunspell"]["build"] == services["web"]["build"] == "."


def test_elasticsearch_starts_after_the_dictionary_is_copied(
    services: dict[str, dict[str, Any]],
) -> None:
    depends_on = services["elasticsearch"]["depends_on"]
    assert depends_on["hunspell"]["condition"] == "service_completed_successfully"


# --- the Dockerfile ------------------------------------------------------------------------


def test_dockerfile_base_image_is_python_311_slim_bookworm(
    dockerfile: list[tuple[str, str]],
) -> None:
    assert last_instruction(dockerfile, "FROM") == "python:3.11-slim-bookworm"


def test_dockerfile_runs_as_a_non_root_user(dockerfile: list[tuple[str, str]]) -> None:
    assert last_instruction(dockerfile, "USER") not in {"root", "0", "0:0"}


def test_dockerfile_serves_with_wortlaut_serve_on_the_port_settings_read_and_expose(
    dockerfile: list[tuple[str, str]],
) -> None:
    assert command(dockerfile) == ["wortlaut", "serve"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'serve = "web.commands:serve"' in pyproject
    settings = Settings.from_env(dockerfile_env(dockerfile))
    assert settings.web_host == "0.0.0.0"
    assert last_instruction(dockerfile, "EXPOSE") == str(settings.web_port)


def test_dockerfile_server_is_granian_with_the_settings_layout(
    dockerfile: list[tuple[str, str]],
) -> None:
    from granian.constants import Interfaces

    from web.server import server

    settings = Settings.from_env(dockerfile_env(dockerfile))
    granian = server(settings)
    assert (granian.bind_addr, granian.bind_port) == (settings.web_host, settings.web_port)
    assert (granian.workers, granian.blocking_threads) == (settings.web_workers,
                                                           settings.web_threads)
    assert granian.interface == Interfaces.WSGI and granian.factory
    module, _, factory = granian.target.partition(":")
    module_file = ROOT.joinpath(*module.split(".")).with_suffix(".py")
    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    assert factory in {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_each_server_worker_freezes_its_start_up_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from web.server import application

    monkeypatch.setenv("WORTLAUT_ES_URL", "http://127.0.0.1:9")  # never contacted
    try:
        application()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


# --- docker-compose.cluster.yml: the same stack on three Elasticsearch nodes ---------------


@pytest.fixture(scope="module")
def cluster_compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CLUSTER_COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def es_nodes(cluster_compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The cluster file's Elasticsearch services, by name."""
    return {name: service for name, service in cluster_compose["services"].items()
            if service.get("image", "").startswith(ES_IMAGE_REPOSITORY + ":")}


def test_cluster_file_is_valid_per_compose_specification(
    validator: Draft7Validator, cluster_compose: dict[str, Any]
) -> None:
    assert [error.message for error in validator.iter_errors(cluster_compose)] == []
    assert "version" not in cluster_compose


def test_cluster_nodes_discover_each_other_and_bootstrap_together(
    es_nodes: dict[str, dict[str, Any]],
) -> None:
    assert len(es_nodes) == 3
    for name, service in es_nodes.items():
        env = environment(service)
        assert env["node.name"] == name
        assert "discovery.type" not in env
        assert set(env["discovery.seed_hosts"].split(",")) == set(es_nodes)
        assert set(env["cluster.initial_master_nodes"].split(",")) == set(es_nodes)
        assert env["ES_JAVA_OPTS"] == "-Xms1g -Xmx1g" and service["mem_limit"]
        assert service["image"].rpartition(":")[2] == DEFAULT_ES_VERSION
        assert ("hunspell", ES_HUNSPELL_DIR, True) in mounts(service)
    data = [source for service in es_nodes.values() for source, target, _ in mounts(service)
            if target == "/usr/share/elasticsearch/data"]
    assert len(set(data)) == 3  # a data volume per node


@pytest.mark.parametrize("service_name", ["web", "indexer"])
def test_cluster_app_services_know_every_node_and_keep_a_replica(
    cluster_compose: dict[str, Any], es_nodes: dict[str, dict[str, Any]], service_name: str
) -> None:
    service = cluster_compose["services"][service_name]
    settings = Settings.from_env(environment(service))
    assert {urlsplit(url).hostname for url in settings.es_urls} == set(es_nodes)
    assert {urlsplit(url).port for url in settings.es_urls} == {9200}
    assert 1 <= settings.replicas < len(es_nodes)
    assert set(service["depends_on"]) == set(es_nodes)
    assert {dep["condition"] for dep in service["depends_on"].values()} == {"service_healthy"}


def test_cluster_file_publishes_on_localhost_only(cluster_compose: dict[str, Any]) -> None:
    for name, service in cluster_compose["services"].items():
        for host_ip, _, _ in published_ports(service):
            assert host_ip == "127.0.0.1", f"{name} publishes on {host_ip or 'all interfaces'}"
