"""The speaker registry on the real node: one identity per person across releases."""

from __future__ import annotations

import json
from pathlib import Path

from elasticsearch import Elasticsearch

from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames

WH = "The White House"


def _write(path: Path, releases: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n, (date, title, body) in enumerate(releases):
            handle.write(json.dumps({"url": f"https://example.org/{path.stem}/{n}", "title": title,
                                     "body": body, "publisher": WH, "date": date,
                                     "language": "en"}) + "\n")
    return path


def _speakers(es: Elasticsearch, names: IndexNames) -> dict[str, int]:
    result = es.search(index=names.alias("quotes"), size=0, aggs={
        "s": {"terms": {"field": "speaker.name.keyword", "size": 50}}})
    return {b["key"]: b["doc_count"] for b in result["aggregations"]["s"]["buckets"]}


def test_name_variants_are_one_speaker_and_jill_biden_stays_apart(
        es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter, tmp_path: Path) -> None:
    source = _write(tmp_path / "wh.jsonl", [
        ("2022-03-01", "Statement on jobs",
         "The economy grew again.\n\n“We will keep building,” said President Joe Biden."),
        ("2022-03-02", "Statement on ports",
         "Ports are open.\n\n“Goods are moving again,” said President Joe Biden."),
        ("2022-04-01", "Readout on schools",
         "Schools reopened.\n\n“Teachers carried us through this,” President Biden said."),
        ("2022-05-01", "Remarks on reading",
         "A new reading programme starts.\n\n“Every child deserves books,” said First Lady "
         "Jill Biden."),
        ("2023-01-10", "Proclamation on service",
         "The nation honours its volunteers.\n\n“Service binds us together,” said Joseph R. "
         "Biden, Jr."),
    ])
    summary = index_sources([str(source)], es, names, splitter, rebuild=True)
    assert summary.ok and summary.identities is not None
    counts = _speakers(es, names)
    assert counts == {"Joe Biden": 4, "Jill Biden": 1}
    hits = es.search(index=names.alias("quotes"), size=10)["hits"]["hits"]
    joe_ids = {h["_source"]["speaker"]["id"] for h in hits
               if h["_source"]["speaker"]["name"] == "Joe Biden"}
    assert len(joe_ids) == 1
    printed = {h["_source"]["speaker"]["as_printed"] for h in hits}
    assert "Biden" in printed or "President Biden" in printed  # as printed stays as printed
    doc = es.get(index=names.alias("speakers"), id=joe_ids.pop())["_source"]
    assert doc["quote_count"] == 4 and doc["type"] == "person"
    assert {d["rule"] for d in doc["decisions"]} >= {"same-name", "name-variant"}


def test_an_in_place_run_reconsiders_earlier_quotes(
        es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter, tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [
        ("2022-04-01", "Readout", "Schools reopened.\n\n“Teachers carried us,” Harris said."),
    ])
    index_sources([str(first)], es, names, splitter)
    assert _speakers(es, names) == {"Harris": 1}
    second = _write(tmp_path / "b.jsonl", [
        ("2022-06-01", "Remarks", "A new plan.\n\n“We act now,” said Vice President Kamala "
         "Harris."),
    ])
    index_sources([str(second)], es, names, splitter)
    assert _speakers(es, names) == {"Kamala Harris": 2}
    speakers = es.search(index=names.alias("speakers"), size=10)["hits"]["hits"]
    assert [s["_source"]["name"] for s in speakers] == ["Kamala Harris"]
