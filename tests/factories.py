"""Small factories for records that satisfy the strict index mappings."""

from __future__ import annotations

from typing import Any

from search_service.compounds import CompoundSplitter


def release_doc(splitter: CompoundSplitter, **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "r-test",
        "title": "Pressemitteilung",
        "lead": "",
        "body": "",
        "headings": [],
        "publisher": "Hessisches Ministerium für Soziales und Integration",
        "place": "Wiesbaden",
        "topics": ["Integration"],
        "published": None,
        "date_precision": None,
        "language": "de",
        "source": {"url": None, "path": "data/samples/test.txt", "sha256": "0" * 64,
                   "format": "text"},
        "contact": None,
        "quote_count": 0,
        "ingested_at": "2026-11-25T12:00:00Z",
    }
    doc.update(fields)
    text = " ".join([doc["title"], doc["lead"], doc["body"], *doc["headings"]])
    doc["compound_parts"] = " ".join(splitter.parts_of_text(text))
    return doc
