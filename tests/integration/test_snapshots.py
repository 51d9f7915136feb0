"""Backups that restore (Elasticsearch snapshots on the test node's shared-filesystem
repository): index, snapshot, delete everything, restore; an old schema is refused."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search_service.compounds import CompoundSplitter
from search_service.indices import KINDS, IndexNames, current_index, delete_all
from search_service.settings import Settings
from search_service.snapshots import (
    REPOSITORY,
    SnapshotError,
    create_snapshot,
    ensure_repository,
    list_snapshots,
    restore_snapshot,
)
from tests.corpus import corpus_fixture_names, indexed_ids
from tests.reliability.conftest import FIGURES

WORTLAUT = str(Path(sys.executable).with_name("wortlaut"))


def _ids(es: Elasticsearch, names: IndexNames) -> dict[str, set[str]]:
    return {kind: set(indexed_ids(es, names.alias(kind))) for kind in KINDS}


@pytest.fixture()
def corpus(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
           ) -> Iterator[IndexNames]:
    names = corpus_fixture_names(es, settings.index_prefix, splitter)
    try:
        yield names
    finally:
        delete_all(es, names)
        for item in list_snapshots(es, settings.snapshots, names):
            es.snapshot.delete(repository=REPOSITORY, snapshot=item.name)


def test_index_snapshot_delete_restore_gives_back_every_id(
        es: Elasticsearch, settings: Settings, corpus: IndexNames) -> None:
    before = _ids(es, corpus)
    assert all(before.values())
    made = create_snapshot(es, corpus, settings.snapshots)
    assert made.state == "SUCCESS" and made.restorable and made.prefix == corpus.prefix
    assert [s.name for s in list_snapshots(es, settings.snapshots, corpus)] == [made.name]

    delete_all(es, corpus)  # the disaster
    assert current_index(es, corpus, "quotes") is None

    restored = restore_snapshot(es, corpus, settings.snapshots, made.name)
    assert set(restored) == set(KINDS)
    assert {kind: current_index(es, corpus, kind) for kind in KINDS} == restored
    assert _ids(es, corpus) == before  # every release, quote and speaker id, so the counts
    FIGURES["snapshot round trips"] += 1


def test_a_restore_over_live_indices_swaps_all_aliases_at_once(
        es: Elasticsearch, settings: Settings, corpus: IndexNames) -> None:
    before = _ids(es, corpus)
    made = create_snapshot(es, corpus, settings.snapshots)
    live = {kind: current_index(es, corpus, kind) for kind in KINDS}
    for quote_id in sorted(before["quotes"])[:5]:  # damage after the snapshot
        es.delete(index=corpus.alias("quotes"), id=quote_id, refresh=True)
    restored = restore_snapshot(es, corpus, settings.snapshots, made.name)
    assert _ids(es, corpus) == before
    assert not set(live.values()) & set(restored.values())
    for index in live.values():  # the replaced indices are gone, not orphaned
        assert not es.indices.exists(index=str(index))


def test_a_snapshot_of_another_schema_version_is_refused(
        es: Elasticsearch, settings: Settings, corpus: IndexNames) -> None:
    ensure_repository(es, settings.snapshots)
    name = f"{corpus.prefix}-old-{secrets.token_hex(2)}"
    indices = ",".join(str(current_index(es, corpus, kind)) for kind in KINDS)
    es.snapshot.create(repository=REPOSITORY, snapshot=name, indices=indices,
                       include_global_state=False, wait_for_completion=True,
                       metadata={"prefix": corpus.prefix, "schema_version": "s-000000000000"})
    live = {kind: current_index(es, corpus, kind) for kind in KINDS}
    with pytest.raises(SnapshotError, match=r"schema version s-000000000000.*Rebuild"):
        restore_snapshot(es, corpus, settings.snapshots, name)
    assert {kind: current_index(es, corpus, kind) for kind in KINDS} == live
    FIGURES["old-schema restores refused"] += 1


def test_the_commands_create_list_and_restore(settings: Settings, corpus: IndexNames,
                                              es: Elasticsearch) -> None:
    env = {**os.environ, "WORTLAUT_ES_URL": str(settings.es_url),
           "WORTLAUT_INDEX_PREFIX": corpus.prefix,
           "WORTLAUT_SNAPSHOT_DIR": str(settings.snapshots)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([WORTLAUT, "snapshot", *args], env=env, capture_output=True,
                              text=True, timeout=300, check=False)

    created = run("create", f"{corpus.prefix}-cli")
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == f"{corpus.prefix}-cli"
    listed = run("list")
    assert f"{corpus.prefix}-cli\t" in listed.stdout and "restorable" in listed.stdout
    restored = run("restore", f"{corpus.prefix}-cli")
    assert restored.returncode == 0 and "quotes -> " in restored.stdout, restored.stderr
    missing = run("restore", "no-such-snapshot")
    assert missing.returncode == 1 and "There is no snapshot" in missing.stderr
    assert "Traceback" not in missing.stderr
