"""The search fixture set: the seed and the corpus samples, indexed into fresh indices.

Everything goes through ``indexer.run.index_sources``, as a user's files would: the
seed and the Berlin records with the default field names, the White House records
with ``data/mappings/whitehouse.json``. One extra release carries markup inside a
quote, for the escaping tests.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.readers import FieldMapping
from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, ensure_indices

ROOT = Path(__file__).resolve().parents[1]
RELEASES = Path(__file__).parent / "fixtures" / "releases"
WHITE_HOUSE = FieldMapping.load(ROOT / "data" / "mappings" / "whitehouse.json")

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


def index_corpus(es: Elasticsearch, names: IndexNames, splitter: CompoundSplitter,
                 *, extra: list[dict[str, Any]] | None = None,
                 progress: Callable[[Path], None] | None = None) -> None:
    """Index the seed, every JSON fixture release and the markup release (``progress`` is
    called after each file, as by ``index_sources``)."""
    german = [p for p in sorted(RELEASES.iterdir()) if p.suffix in {".txt", ".json"}
              and not p.name.startswith("whitehouse-")]
    english = sorted(RELEASES.glob("whitehouse-*.json"))
    with tempfile.TemporaryDirectory() as folder:
        extras = Path(folder) / "extra.jsonl"
        extras.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                  for r in [MARKUP_RELEASE, *(extra or [])]), encoding="utf-8")
        for inputs, mapping in (([*german, extras], FieldMapping()), (english, WHITE_HOUSE)):
            summary = index_sources([str(p) for p in inputs], es, names, splitter,
                                    mapping=mapping, progress=progress)
            assert summary.ok, summary.failed


def corpus_fixture_names(es: Elasticsearch, prefix: str, splitter: CompoundSplitter,
                         *, extra: list[dict[str, Any]] | None = None) -> IndexNames:
    """Fresh indices named ``<prefix>-corpus-<random>`` holding the whole fixture set
    (and ``extra`` records)."""
    names = IndexNames(f"{prefix}-corpus-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    index_corpus(es, names, splitter, extra=extra)
    return names


def indexed_ids(es: Elasticsearch, index: str) -> list[str]:
    """Every document id in ``index`` (or alias), after a refresh, in id order."""
    es.indices.refresh(index=index)
    return sorted(hit["_id"] for hit in scan(es, index=index, size=5000,
                                             query={"_source": False}))
