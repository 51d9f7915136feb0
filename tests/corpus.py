"""The search fixture set: the seed and the corpus samples, indexed into fresh indices.

The seed goes through ``indexer.run.index_sources``. The JSON corpus records are built
into documents here (title/body fields -> structure -> quotes -> documents) the way the
JSON reader is expected to, until ``index_sources`` reads ``.json`` itself. One extra
release carries markup inside a quote, for the escaping tests.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from indexer.documents import SourceInfo, build_quotes, build_release
from indexer.extraction.markdown import parse_markdown_release
from indexer.extraction.pipeline import extract_quotes
from indexer.extraction.plaintext import structure_from_body
from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames
from search_service.loading import IndexWriter

RELEASES = Path(__file__).parent / "fixtures" / "releases"
SEED = RELEASES / "hessen-integrationskonferenz.txt"
INGESTED = "2026-11-25T12:00:00+00:00"

MARKUP_RELEASE: dict[str, Any] = {
    "url": "https://example.org/pressemitteilung/markup-test",
    "date": "2019-05-14",
    "title": "Test <b>fett</b>: Staatssekretärin Ada Muster zum Integrationsgipfel",
    "publisher": "Testministerium für Integration",
    "keywords": ["Integration"],
    "body": (
        "Die Staatssekretärin Ada Muster eröffnete den Integrationsgipfel in Kassel.\n\n"
        "„Integration braucht klare Worte <script>alert(1)</script> und ein starkes "
        "Signal an alle Beteiligten“, sagte Ada Muster.\n\n"
        "Weitere Informationen folgen."
    ),
}


def _documents(record: dict[str, Any], name: str, splitter: CompoundSplitter
               ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if "body_markdown" in record:
        structure = parse_markdown_release(record["title"], record["body_markdown"],
                                           publisher="The White House")
        meta = {"published": record.get("date"), "language": "en",
                "topics": [record["category"]] if record.get("category") else []}
        url = record.get("source_url")
    else:
        structure = structure_from_body(record["title"], record["body"],
                                        topics=record.get("keywords", ()),
                                        publisher=record.get("publisher"))
        meta = {"published": record.get("date")}
        url = record.get("url")
    quotes = extract_quotes(structure)
    raw = json.dumps(record, sort_keys=True).encode()
    info = SourceInfo(path=name, sha256=hashlib.sha256(raw).hexdigest(), format="json",
                      url=url)
    release = build_release(structure, info, meta, quotes, splitter, INGESTED)
    return release, build_quotes(release, quotes, splitter)


def index_corpus(es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter,
                 *, extra: list[dict[str, Any]] | None = None) -> None:
    """Index the seed, every JSON fixture release and the markup release."""
    summary = index_sources([str(SEED)], es, names, splitter)
    assert summary.ok, summary.failed
    writer = IndexWriter(es, names)
    for path in sorted(RELEASES.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        writer.add(*_documents(record, path.name, splitter))
    for number, record in enumerate([MARKUP_RELEASE, *(extra or [])]):
        writer.add(*_documents(record, f"extra-{number}.json", splitter))
    writer.commit()
    assert not writer.stats.errors, writer.stats.errors


def corpus_fixture_names(es: Elasticsearch, prefix: str, splitter: CompoundSplitter
                         ) -> IndexNames:
    """Fresh indices named ``<prefix>-corpus-<random>`` holding the whole fixture set."""
    import secrets

    from search_service.indices import ensure_indices

    names = IndexNames(f"{prefix}-corpus-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    index_corpus(es, names, splitter)
    return names
