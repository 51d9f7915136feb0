"""A real three-node cluster: searches and loads go on while a node is killed.

The module starts its own throwaway cluster (three processes of the same distribution,
512m heap each; not the session's node) and indexes the fixture corpus with
WORTLAUT_SHARDS=3 and WORTLAUT_REPLICAS=1, so every shard has a copy on two nodes. Then a
node is killed (SIGKILL to its process group, as a crash would) while searches run
through the Searcher and its client, and again while the fixture releases are loaded;
each time the node is started again and the cluster must return to green holding exactly
the same ids. A cluster that cannot start fails the module with the reason.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from indexer.readers import FieldMapping
from indexer.run import Extracted, Extractor, RunSummary
from indexer.topics import TopicVocabulary
from search_service.client import connect
from search_service.compounds import CompoundSplitter
from search_service.errors import WortlautError
from search_service.indices import KINDS, IndexNames, ShardLayout, ensure_indices
from search_service.node.cluster import LocalCluster, throwaway_cluster
from search_service.node.config import ClusterMember
from search_service.request import QuoteSearch, ReleaseSearch
from search_service.results import Page
from search_service.search import Searcher
from search_service.settings import Settings
from tests.corpus import RELEASES, index_corpus, indexed_ids

NODES = 3
ROOT = Path(__file__).resolve().parents[2]
WORTLAUT = str(Path(sys.executable).with_name("wortlaut"))
SEARCH_THREADS = 3
SEARCHES: tuple[QuoteSearch | ReleaseSearch, ...] = (
    QuoteSearch(q="Integration"), QuoteSearch(q="Demokratie"), QuoteSearch(q="Cuba"),
    QuoteSearch(q=""), ReleaseSearch(q="Mieter"), ReleaseSearch(q=""))
GERMAN = sorted(p for p in RELEASES.iterdir()
                if p.suffix in {".txt", ".json"} and not p.name.startswith("whitehouse-"))

Snapshot = dict[str, list[str]]  # index kind -> every document id, sorted


@dataclass(frozen=True)
class Corpus:
    names: IndexNames
    snapshot: Snapshot


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"WORTLAUT_ES_URL", "WORTLAUT_ES_PORT"}}
    env["WORTLAUT_ES_HEAP"] = "512m"
    with contextlib.ExitStack() as stack:
        try:
            started = stack.enter_context(throwaway_cluster(Settings.from_env(env), "test",
                                                            NODES))
        except WortlautError as error:
            pytest.fail(f"Could not start the three-node test cluster: {error}", pytrace=False)
        yield started


@pytest.fixture(scope="module")
def cluster_env(cluster: LocalCluster) -> dict[str, str]:
    """The environment of a Wortlaut that uses the cluster: every node's URL, three
    shards with one replica each, an index prefix of its own."""
    assert cluster.url is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORTLAUT_ES_")}
    env.update(WORTLAUT_ES_URL=cluster.url, WORTLAUT_SHARDS="3", WORTLAUT_REPLICAS="1",
               WORTLAUT_INDEX_PREFIX=f"wortlaut-cluster-{secrets.token_hex(3)}")
    return env


@pytest.fixture(scope="module")
def cluster_settings(cluster_env: dict[str, str]) -> Settings:
    return Settings.from_env(cluster_env)


@pytest.fixture(scope="module")
def cluster_es(cluster_settings: Settings) -> Elasticsearch:
    return connect(cluster_settings)


@pytest.fixture(scope="module")
def corpus(cluster_es: Elasticsearch, cluster_settings: Settings,
           splitter: CompoundSplitter) -> Corpus:
    """The fixture corpus, indexed while all nodes run: the reference for both tests."""
    names = IndexNames(f"{cluster_settings.index_prefix}-corpus")
    ensure_indices(cluster_es, names, ShardLayout.of(cluster_settings))
    index_corpus(cluster_es, names, splitter)
    wait_green(cluster_es)
    return Corpus(names, snapshot(cluster_es, names))


# -- helpers ---------------------------------------------------------------------------

def wait_green(es: Elasticsearch) -> None:
    health = es.options(request_timeout=200).cluster.health(
        wait_for_status="green", wait_for_nodes=str(NODES), timeout="180s")
    assert health["status"] == "green" and not health["timed_out"], health.body


def snapshot(es: Elasticsearch, names: IndexNames) -> Snapshot:
    """Every id of every kind; the count API must agree with the ids found."""
    found = {kind: indexed_ids(es, names.alias(kind)) for kind in KINDS}
    for kind, ids in found.items():
        assert len(ids) == len(set(ids)) == es.count(index=names.alias(kind))["count"]
    return found


def members(cluster: LocalCluster, *, master: bool) -> list[ClusterMember]:
    """The nodes that are (or are not) the elected master."""
    return [status.member for status in cluster.status()
            if status.info is not None and status.info.master == master]


def restart(cluster: LocalCluster, es: Elasticsearch) -> float:
    """Start the killed node again; seconds until the cluster is green."""
    started = time.monotonic()
    cluster.start(NODES)
    wait_green(es)
    return time.monotonic() - started


def assert_spread(es: Elasticsearch, names: IndexNames) -> None:
    """Each index of ``names`` has three primaries with one replica each."""
    for kind in KINDS:
        for settings in es.indices.get_settings(index=names.alias(kind)).body.values():
            index = settings["settings"]["index"]
            assert (index["number_of_shards"], index["number_of_replicas"]) == ("3", "1")


def answer(searcher: Searcher) -> Callable[[QuoteSearch | ReleaseSearch], Page]:
    def run(request: QuoteSearch | ReleaseSearch) -> Page:
        if isinstance(request, QuoteSearch):
            return searcher.quotes(request)
        return searcher.releases(request)
    return run


# -- the tests -------------------------------------------------------------------------

def test_searches_answer_while_the_master_is_killed_and_nothing_is_lost(
        cluster: LocalCluster, cluster_settings: Settings, cluster_es: Elasticsearch,
        corpus: Corpus, splitter: CompoundSplitter, caplog: pytest.LogCaptureFixture) -> None:
    assert_spread(cluster_es, corpus.names)
    run = answer(Searcher(connect(cluster_settings), corpus.names, splitter))
    expected = {request: run(request).total for request in SEARCHES}
    assert all(expected.values()), expected
    failures: list[str] = []
    answered: list[float] = []  # when each search answered
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            for request in SEARCHES:
                try:
                    total = run(request).total
                except Exception as error:  # every failure is a finding
                    failures.append(f"{request}: {type(error).__name__}: {error}")
                    continue
                if total != expected[request]:
                    failures.append(f"{request}: {total} hits, not {expected[request]}")
                answered.append(time.monotonic())

    threads = [threading.Thread(target=load) for _ in range(SEARCH_THREADS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        [victim] = members(cluster, master=True)
        assert cluster.node(victim).kill()
        killed = time.monotonic()
        while time.monotonic() - killed < 8 or sum(t > killed for t in answered) < 30:
            assert time.monotonic() - killed < 120, "too few searches answered"
            time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert failures == []
    retried = [r for r in caplog.records if "Retrying request after failure" in r.getMessage()]
    assert retried, "no request met the dead node: the client's retry was not exercised"
    after_kill = sum(t > killed for t in answered)
    print(f"{len(answered)} searches, {after_kill} after {victim.name} (the master) was "
          f"killed, {len(retried)} retried on another node")
    print(f"{victim.name} back and the cluster green in {restart(cluster, cluster_es):.1f} s")
    assert snapshot(cluster_es, corpus.names) == corpus.snapshot


def test_a_load_completes_while_a_node_is_killed_and_the_ids_are_exact(
        cluster: LocalCluster, cluster_env: dict[str, str], cluster_settings: Settings,
        corpus: Corpus, splitter: CompoundSplitter, tmp_path: Path) -> None:
    """The fixture releases loaded in place while a node dies (its primaries move to
    their replicas, the client retries on another node), then a `wortlaut index --rebuild`
    from the command line with the node still down; after it returns, every id is there."""
    es = connect(cluster_settings)
    names = IndexNames(f"{cluster_settings.index_prefix}-load")
    ensure_indices(es, names, ShardLayout.of(cluster_settings))
    # Every replica in sync before a node dies: a primary whose replica is still being
    # recovered has no copy to promote, and its writes would wait for the dead node.
    wait_green(es)
    victim = members(cluster, master=False)[0]
    killed: list[float] = []

    def kill_midway(path: Path) -> None:
        if not killed and path.name == GERMAN[1].name:  # after the second file
            assert cluster.node(victim).kill()
            killed.append(time.monotonic())

    index_corpus(es, names, splitter, progress=kill_midway)  # asserts each run is ok
    assert killed, "the node was not killed"

    rebuilt = subprocess.run(
        [WORTLAUT, "index", "--rebuild", *map(str, GERMAN)],
        env={**cluster_env, "WORTLAUT_INDEX_PREFIX": f"{cluster_settings.index_prefix}-cli"},
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert rebuilt.returncode == 0, rebuilt.stderr

    print(f"{victim.name} back and the cluster green in {restart(cluster, es):.1f} s")
    assert snapshot(es, names) == corpus.snapshot
    cli = IndexNames(f"{cluster_settings.index_prefix}-cli")
    assert_spread(es, cli)
    extracted = [item.sources() for item in Extractor(
        splitter, FieldMapping(), TopicVocabulary.default()).run(
            [str(p) for p in GERMAN], RunSummary()) if isinstance(item, Extracted)]
    stored = snapshot(es, cli)
    assert stored["releases"] == sorted(release["id"] for release, _ in extracted)
    assert stored["quotes"] == sorted(quote["id"] for _, quotes in extracted for quote in quotes)


def test_the_command_line_lists_and_stops_the_cluster(cluster: LocalCluster) -> None:
    """`wortlaut es status|start|stop` on the cluster's folder (last: it stops the cluster)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORTLAUT_ES_")}
    env["WORTLAUT_NODE_DIR"] = str(cluster.cluster_dir)

    def wortlaut(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([WORTLAUT, "es", *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=240, check=False)

    status = wortlaut("status")
    assert status.returncode == 0, status.stdout + status.stderr
    lines = status.stdout.splitlines()
    assert len(lines) == NODES and all(" running  health green" in line for line in lines)
    assert sum(line.endswith("  master") for line in lines) == 1
    again = wortlaut("start", "--nodes", str(NODES))  # running: the same URLs, at once
    assert again.returncode == 0 and again.stdout.strip() == cluster.url
    single = wortlaut("start")
    assert single.returncode == 1 and "A local cluster runs in" in single.stderr
    assert "Traceback" not in single.stderr
    stopped = wortlaut("stop")
    assert stopped.stdout.strip() == "Stopped the local Elasticsearch cluster."
    after = wortlaut("status")
    assert after.returncode == 1 and after.stdout.count("not running") == NODES
    assert cluster.running_url() is None
