"""Indexing real releases into the real node: records, idempotency, rebuilds, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

from elasticsearch import Elasticsearch

from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, current_index
from tests.conftest import FIXTURES

SEED = FIXTURES / "releases" / "hessen-integrationskonferenz.txt"


def quotes_of(es: Elasticsearch, names: IndexNames) -> list[dict]:
    result = es.search(index=names.alias("quotes"), size=100, sort=[{"start": "asc"}])
    return [hit["_source"] for hit in result["hits"]["hits"]]


def test_seed_release_and_quotes_are_indexed(es: Elasticsearch, names: IndexNames,
                                             splitter: CompoundSplitter) -> None:
    summary = index_sources([str(SEED)], es, names, splitter)
    assert summary.ok and summary.releases == 1 and summary.quotes >= 4
    release = es.search(index=names.alias("releases"))["hits"]["hits"][0]["_source"]
    assert release["title"] == "Fünfte Hessische Integrationskonferenz"
    assert release["published"] is None  # the seed has no date: it stays undated
    assert release["contact"]["name"] == "Esther Walter"
    assert "Hessen-Navigator" not in release["body"]
    quotes = quotes_of(es, names)
    assert {q["speaker"]["name"] for q in quotes if q["speaker"]} == {"Kai Klose"}
    for quote in quotes:
        assert release["body"][quote["start"]:quote["end"]] == quote["text"]
        assert quote["release_id"] == release["id"]
    misspelt = [q for q in quotes if q["text"].startswith("Die Erarbeitung")]
    assert misspelt and misspelt[0]["speaker"]["as_printed"] == "Kose"


def test_reindexing_the_same_sources_changes_nothing(es: Elasticsearch, names: IndexNames,
                                                     splitter: CompoundSplitter) -> None:
    index_sources([str(SEED)], es, names, splitter)
    first = sorted(q["id"] for q in quotes_of(es, names))
    index_sources([str(SEED)], es, names, splitter)
    assert sorted(q["id"] for q in quotes_of(es, names)) == first
    assert es.count(index=names.alias("releases"))["count"] == 1


def test_rebuild_swaps_in_a_complete_index(es: Elasticsearch, names: IndexNames,
                                           splitter: CompoundSplitter) -> None:
    index_sources([str(SEED)], es, names, splitter)
    before = current_index(es, names, "quotes")
    summary = index_sources([str(SEED)], es, names, splitter, rebuild=True)
    assert summary.ok
    after = current_index(es, names, "quotes")
    assert after != before and not es.indices.exists(index=before)
    assert es.count(index=names.alias("quotes"))["count"] == summary.quotes


def test_a_broken_file_is_reported_and_the_rest_indexed(tmp_path: Path, es: Elasticsearch,
                                                       names: IndexNames,
                                                       splitter: CompoundSplitter) -> None:
    shutil.copy(SEED, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "dated.txt").write_text((tmp_path / "good.txt").read_text().replace(
        "Fünfte", "Sechste"))
    (tmp_path / "dated.meta.json").write_text('{"published": "2018-02-30"}')
    summary = index_sources([str(tmp_path)], es, names, splitter)
    assert summary.files_seen == 4 and summary.releases == 1
    assert len(summary.failed) == 3
    assert any("empty.txt: is empty" in f for f in summary.failed)
    assert any("binary.txt: looks like a binary" in f for f in summary.failed)
    assert any("dated.txt: metadata:" in f and "2018-02-30" in f for f in summary.failed)
    assert es.count(index=names.alias("releases"))["count"] == 1


def test_index_if_changed_skips_a_second_run_and_notices_a_change(
        tmp_path: Path, es: Elasticsearch, names: IndexNames, es_url: str) -> None:
    from click.testing import CliRunner

    from indexer.commands import index

    source = tmp_path / "pm.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"WORTLAUT_ES_URL": es_url, "WORTLAUT_INDEX_PREFIX": names.prefix}
    runner = CliRunner()
    first = runner.invoke(index, ["--if-changed", str(tmp_path)], env=env)
    assert first.exit_code == 0, first.output
    assert "1 releases" in first.output
    second = runner.invoke(index, ["--if-changed", str(tmp_path)], env=env)
    assert second.exit_code == 0 and "Nothing changed" in second.output
    source.write_text(source.read_text(encoding="utf-8") + "\nNachtrag.", encoding="utf-8")
    third = runner.invoke(index, ["--if-changed", str(tmp_path)], env=env)
    assert third.exit_code == 0 and "Nothing changed" not in third.output
    assert "1 releases" in third.output


def test_index_if_changed_rebuilds_indices_of_an_older_schema(
        tmp_path: Path, es: Elasticsearch, names: IndexNames, es_url: str) -> None:
    """`make run` after an upgrade: the indices hold an older schema, so the run rebuilds
    them from the inputs instead of stopping at the mismatch."""
    from click.testing import CliRunner

    from indexer.commands import index
    from search_service.indices import KINDS, current_index, outdated

    (tmp_path / "pm.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for kind in KINDS:  # what an older version left: its schema version in _meta
        old = current_index(es, names, kind)
        es.indices.put_mapping(index=str(old), meta={"schema_version": "2"})
    assert len(outdated(es, names)) == len(KINDS)
    env = {"WORTLAUT_ES_URL": es_url, "WORTLAUT_INDEX_PREFIX": names.prefix}
    result = CliRunner().invoke(index, ["--if-changed", str(tmp_path)], env=env)
    assert result.exit_code == 0, result.output
    assert "built by an older version of Wortlaut" in result.output
    assert outdated(es, names) == []
    assert es.count(index=names.alias("releases"))["count"] == 1
