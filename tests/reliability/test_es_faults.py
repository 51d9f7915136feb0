"""Elasticsearch faults: a node that is down, paused, killed mid-load or restarted.

The faults are injected into a node of their own (one extra throwaway node for this
module, restarted in place), never into the session's node.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from indexer.run import LoadInterrupted, index_sources
from search_service.client import connect
from search_service.compounds import CompoundSplitter
from search_service.indices import KINDS, IndexNames, current_index, ensure_indices
from search_service.node.process import LocalNode
from search_service.orphans import find_orphans
from search_service.settings import Settings
from tests.corpus import indexed_ids
from tests.reliability.conftest import FIGURES
from web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
WORTLAUT = str(Path(sys.executable).with_name("wortlaut"))
RELEASES = 500  # files of the generated corpus, 2 quotes each


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_corpus(folder: Path, count: int = RELEASES, tag: str = "") -> Path:
    """``count`` small releases, one file each, each with two attributed quotes."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"r{number:05d}.json").write_text(json.dumps({
            "url": f"https://example.org/last/{tag}{number}",
            "date": f"20{10 + number % 15}-0{1 + number % 9}-1{number % 9}",
            "title": f"Mitteilung {tag}{number}",
            "body": (f"Senatorin Petra Probe eröffnete das Projekt {number}.\n\n"
                     f"„Projekt {number} ist ein Gewinn für alle“, sagte Petra Probe.\n\n"
                     f"„Wir bleiben bei Projekt {number} dran“, sagte Staatssekretär "
                     "Max Muster."),
        }, ensure_ascii=False))
    return folder


@dataclass
class Spare:
    node: LocalNode
    settings: Settings  # local-node mode: no URL, this node's folder

    def url(self) -> str:
        state = self.node.state()
        assert state is not None
        return state.url

    def client(self, timeout: float | None = None) -> Elasticsearch:
        settings = self.settings
        if timeout is not None:
            from dataclasses import replace
            settings = replace(settings, es_timeout=timeout)
        return connect(settings)

    def group(self) -> int:
        state = self.node.state()
        assert state is not None
        return state.launcher_pid

    def kill(self) -> None:
        """SIGKILL the whole node (launcher and JVM): no shutdown, no flush."""
        pgid = self.group()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        if self.node._process is not None:
            self.node._process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _group_alive(pgid):
            time.sleep(0.1)
        FIGURES["faults injected"] += 1

    def restart(self) -> str:
        started = time.monotonic()
        url = self.node.start()
        FIGURES["node restarts"] += 1
        print(f"node restarted in {time.monotonic() - started:.1f} s")
        return url


def _group_alive(pgid: int) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(ProcessLookupError, PermissionError, FileNotFoundError):
                if os.getpgid(int(entry.name)) == pgid:
                    stat = (entry / "stat").read_text()
                    if stat.rsplit(")", 1)[1].split()[0] != "Z":
                        return True
    return False


@pytest.fixture(scope="module")
def spare() -> Iterator[Spare]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"WORTLAUT_ES_URL", "WORTLAUT_ES_PORT"}}
    home = Settings.from_env(env).home
    node_dir = home / "test-nodes" / f"faults-{os.getpid()}-{secrets.token_hex(3)}"
    env.update(WORTLAUT_NODE_DIR=str(node_dir), WORTLAUT_ES_HEAP="512m",
               WORTLAUT_INDEX_PREFIX=f"wortlaut-faults-{secrets.token_hex(3)}")
    settings = Settings.from_env(env)
    node = LocalNode(settings)
    try:
        node.start()
        yield Spare(node, settings)
    finally:
        node.stop()
        shutil.rmtree(node_dir, ignore_errors=True)


def _stored(es: Elasticsearch, names: IndexNames) -> int:
    """Releases stored so far under ``names`` (0 while the index does not exist yet)."""
    index = names.alias("releases")
    if not es.indices.exists(index=index):
        return 0
    es.indices.refresh(index=index)
    return int(es.count(index=index)["count"])


# -- node down at start -------------------------------------------------------------

def test_node_down_at_start_is_a_clear_error_with_exit_code_1(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    port = _free_port()  # nothing listens there
    base = {k: v for k, v in os.environ.items() if not k.startswith("WORTLAUT_ES_")}
    cases = {
        "url": ({**base,
                 "WORTLAUT_ES_URL": "http://elastic:" + "hunter2-geheim" + f"@127.0.0.1:{port}"},
                f"Cannot reach Elasticsearch at http://***@127.0.0.1:{port}"),
        "local": ({**base, "WORTLAUT_NODE_DIR": str(tmp_path / "no-node")},
                  "the local node is not running"),
    }
    for env, message in cases.values():
        started = time.monotonic()
        result = subprocess.run([WORTLAUT, "index", str(corpus)], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 1, result.stderr
        assert message in result.stderr
        assert "Traceback" not in result.stderr and "hunter2" not in result.stderr
        assert time.monotonic() - started < 30
        FIGURES["faults injected"] += 1


def test_the_app_answers_503_while_no_node_is_reachable(settings: Settings) -> None:
    from dataclasses import replace

    port = _free_port()
    app = create_app(replace(settings, es_url=f"http://127.0.0.1:{port}"))
    client = app.test_client()
    api = client.get("/api/v1/quotes?q=Integration", headers={"Accept-Language": "en"})
    assert api.status_code == 503
    assert api.json is not None and api.json["error"] == "service_unavailable"
    assert f"Cannot reach Elasticsearch at http://127.0.0.1:{port}" in api.json["message"]
    german = client.get("/api/v1/quotes?q=Integration").json  # the default language
    assert german is not None and german["error"] == "service_unavailable"
    assert f"Elasticsearch unter http://127.0.0.1:{port} ist nicht erreichbar" in german["message"]
    page = client.get("/?q=Integration")
    assert page.status_code == 503 and "Suche nicht verfügbar" in page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 503
    verify = client.post("/api/v1/verify", json={"text": "Ein Satz, der geprüft wird"})
    assert verify.status_code == 503
    FIGURES["faults injected"] += 1
    FIGURES["requests sent"] += 5


# -- a short outage during a load: retried with backoff, nothing lost ---------------------

def test_a_paused_node_during_a_load_is_retried_and_the_load_completes(
        spare: Spare, splitter: CompoundSplitter, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    corpus = write_corpus(tmp_path / "pause", 300, tag="pause-")
    names = IndexNames(f"{spare.settings.index_prefix}-pause")
    ensure_indices(spare.client(), names)
    # a short timeout and no retries inside the client, so the writer's own retry is used
    es = spare.client().options(request_timeout=5, max_retries=0)
    paused = threading.Event()

    def pause(path: Path) -> None:  # after 150 files: freeze the node for 7 s
        if path.name == "r00150.json":
            os.killpg(spare.group(), signal.SIGSTOP)
            paused.set()
            threading.Timer(7, os.killpg, (spare.group(), signal.SIGCONT)).start()

    started = time.monotonic()
    summary = index_sources([str(corpus)], es, names, splitter, progress=pause)
    assert paused.is_set() and time.monotonic() - started > 6
    retries = [r.getMessage() for r in caplog.records if "retrying in" in r.getMessage()]
    assert retries, "the writer did not retry"
    assert summary.ok, summary.failed
    assert summary.releases == 300 and summary.quotes == 600
    releases = indexed_ids(es, names.alias("releases"))
    quotes = indexed_ids(es, names.alias("quotes"))
    assert len(releases) == len(set(releases)) == 300
    assert len(quotes) == len(set(quotes)) == 600
    FIGURES["faults injected"] += 1


# -- killed in the middle of a bulk load and of a rebuild; the app keeps running ----------

def test_a_node_killed_mid_load_and_mid_rebuild_loses_nothing(
        spare: Spare, splitter: CompoundSplitter, tmp_path: Path) -> None:
    """One kill interrupts two runs at once: an incremental load into one prefix and a
    rebuild of another, complete one. After a restart the rebuilt prefix still shows
    its previous complete index, the load's stored part survived, and a re-run
    completes it with no duplicates and no loss. A web app reading the loaded prefix
    (local-node mode: no URL configured) answers 503 while the node is down and
    recovers after the node is back on another port, without being restarted."""
    names = IndexNames(spare.settings.index_prefix)
    stable = IndexNames(f"{spare.settings.index_prefix}-stable")
    es = spare.client()
    assert index_sources([str(write_corpus(tmp_path / "stable", 300, tag="stable-"))], es,
                         stable, splitter).ok
    kinds = ("releases", "quotes")
    before = {kind: current_index(es, stable, kind) for kind in kinds}
    counts = {kind: es.count(index=stable.alias(kind))["count"] for kind in kinds}
    assert counts == {"releases": 300, "quotes": 600}

    corpus = write_corpus(tmp_path / "kill", tag="kill-")
    rebuild_corpus = write_corpus(tmp_path / "rebuild", 1_000, tag="rebuild-")
    app = create_app(spare.settings)
    web = app.test_client()
    rebuild_error: list[BaseException] = []
    rebuilding = threading.Event()

    def rebuild() -> None:
        try:
            index_sources([str(rebuild_corpus)], spare.client(), stable, splitter,
                          rebuild=True, progress=lambda _: rebuilding.set())
        except BaseException as error:
            rebuild_error.append(error)

    def kill(path: Path) -> None:
        if path.name == "r00300.json":
            # batches are written in the background: kill once the first one is stored
            deadline = time.monotonic() + 60
            while _stored(es, names) < 200 and time.monotonic() < deadline:
                time.sleep(0.1)
            spare.kill()

    rebuilder = threading.Thread(target=rebuild)
    rebuilder.start()
    assert rebuilding.wait(60)
    with pytest.raises(LoadInterrupted) as interrupted:
        index_sources([str(corpus)], es, names, splitter, progress=kill)
    rebuilder.join(120)
    message = str(interrupted.value)
    assert "Elasticsearch failed while loading" in message
    assert "releases (with their quotes) were stored before the failure" in message
    assert "run the same command again" in message
    assert interrupted.value.summary.releases >= 300
    assert len(rebuild_error) == 1 and isinstance(rebuild_error[0], LoadInterrupted)
    assert "rebuild was not swapped in" in str(rebuild_error[0])
    FIGURES["faults injected"] += 1  # the same kill, felt by a second run

    down = web.get("/api/v1/quotes?q=Projekt", headers={"Accept-Language": "en"})
    assert down.status_code == 503 and down.json is not None
    # "Cannot reach Elasticsearch at ...; try again shortly" or, once the app has noticed
    # that the local node is gone, "... the local node is not running. Start ..."
    assert "Elasticsearch" in down.json["message"]
    assert "try again" in down.json["message"] or "wortlaut es start" in down.json["message"]
    assert web.get("/?q=Projekt").status_code == 503

    spare.restart()
    deadline = time.monotonic() + 60
    while (status := web.get("/api/v1/quotes?q=Projekt").status_code) != 200:
        assert time.monotonic() < deadline, f"the app did not recover ({status})"
        time.sleep(0.5)
    FIGURES["requests sent"] += 4

    es = spare.client()
    for kind in kinds:  # the rebuild never reached the readers
        assert current_index(es, stable, kind) == before[kind]
        assert es.count(index=stable.alias(kind))["count"] == counts[kind]
    stored = indexed_ids(es, names.alias("releases"))
    assert 200 <= len(stored) < RELEASES  # the batches before the kill survived
    rerun = index_sources([str(corpus)], es, names, splitter)
    assert rerun.ok, rerun.failed
    releases = indexed_ids(es, names.alias("releases"))
    quotes = indexed_ids(es, names.alias("quotes"))
    assert len(releases) == len(set(releases)) == RELEASES
    assert len(quotes) == len(set(quotes)) == 2 * RELEASES
    assert set(stored) <= set(releases)
    found = web.get("/api/v1/quotes?q=Projekt&per_page=1")
    assert found.json is not None and found.json["total"] == 2 * RELEASES

    # The killed rebuild's indices were left outside the aliases; the next rebuild of the
    # same prefix finds and removes them (and never an index an alias points at).
    left = find_orphans(es, stable)
    assert len(left) == len(KINDS) and not set(left) & set(before.values()), left
    again = index_sources([str(write_corpus(tmp_path / "stable", 300, tag="stable-"))], es,
                          stable, splitter, rebuild=True)
    assert again.ok, again.failed
    assert not any(es.indices.exists(index=name) for name in left)
    assert find_orphans(es, stable) == []
    assert es.count(index=stable.alias("releases"))["count"] == 300
    FIGURES["orphaned indices removed"] += len(left)


# -- a rebuild that fails halfway -------------------------------------------------------

def test_a_rebuild_with_a_rejected_document_is_not_swapped_in(
        spare: Spare, splitter: CompoundSplitter, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from search_service.loading import IndexWriter

    names = IndexNames(spare.settings.index_prefix)
    es = spare.client()
    before = {kind: current_index(es, names, kind) for kind in ("releases", "quotes")}
    counts = {kind: es.count(index=names.alias(kind))["count"]
              for kind in ("releases", "quotes")}
    existing = set(es.indices.get(index=names.pattern("quotes")).body)
    original = IndexWriter._actions

    def with_a_bad_document(self: IndexWriter, pending: Any) -> Iterator[dict[str, Any]]:
        yield from original(self, pending)
        # a document the strict mapping rejects, in the middle of the rebuild
        yield {"_index": self.targets["quotes"], "_id": "injected",
               "_source": {"no_such_field": True}}

    monkeypatch.setattr(IndexWriter, "_actions", with_a_bad_document)
    corpus = write_corpus(tmp_path / "bad-doc", 300, tag="baddoc-")
    summary = index_sources([str(corpus)], es, names, splitter, rebuild=True)
    assert not summary.ok
    assert any("document injected was not stored" in f for f in summary.failed)
    assert "rebuild not swapped in" in summary.failed[-1]
    for kind in ("releases", "quotes"):
        assert current_index(es, names, kind) == before[kind]
        assert es.count(index=names.alias(kind))["count"] == counts[kind]
    leftovers = set(es.indices.get(index=names.pattern("quotes")).body)
    assert leftovers == existing  # the half-built index was dropped
    FIGURES["faults injected"] += 1
