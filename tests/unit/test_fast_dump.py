"""web.serialize.dump gives exactly what marshmallow's Schema.dump gives, for every
response schema of the API."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema, fields

from search_service.facets import FacetValue
from search_service.results import Page, Quote, Release, SpeakerRef
from web.schemas import (
    QuoteListSchema,
    QuoteSchema,
    ReleaseDetailSchema,
    ReleaseListSchema,
    SpeakerListSchema,
    SpeakerSchema,
)
from web.schemas.verify import VerifyResponseSchema
from web.serialize import _compile, dump


def _quote(n: int, speaker: bool = True) -> Quote:
    return Quote(id=f"q{n}", release_id="r1", kind="direct", text=f"Wir <b>{n}</b> & mehr",
                 speaker=SpeakerRef("kai-klose", "Kai Klose", "Klose", "Minister", None)
                 if speaker else None,
                 cue="so Klose", start=n, end=n + 5, context="ctx", context_start=0,
                 date=None if n % 2 else "2018-06-14", date_precision="day",
                 topics=["Integration"], publisher="HMSI", release_title="T", source_url=None,
                 confidence=0.95, score=1.5 if n else None,
                 highlight={"text": "<mark>Wir</mark>"} if n % 3 else {})


def _release() -> Release:
    return Release(id="r1", title="T", lead="L", body="B", publisher=None, place="Berlin",
                   topics=["A", "B"], published="2018", date_precision="year", language="de",
                   source_url="https://x", source_format="txt", quote_count=2, score=None,
                   highlight={"body": "<mark>B</mark>"})


FACETS = {"speaker": [FacetValue("Kai Klose", 3, True, "kai-klose"),
                      FacetValue("X", 1, False, None)],
          "topic": [FacetValue("Integration", 2, False)], "publisher": [], "kind": [],
          "year": [FacetValue("undated", 4, False)]}
COUNTED = [{"value": "a", "count": 2}]
CASES: list[tuple[type[Schema], Any]] = [
    (QuoteListSchema, Page(total=3, page=1, per_page=20,
                           items=[_quote(0), _quote(1, speaker=False), _quote(2)],
                           facets=FACETS, months=[FacetValue("2018-06", 1, False)])),
    (ReleaseListSchema, Page(total=1, page=2, per_page=10, items=[_release()],
                             facets={"topic": [], "publisher": [], "year": []})),
    (QuoteSchema, _quote(4)),
    (ReleaseDetailSchema, {"id": "r1", "title": "T", "body": "B", "quote_count": 1,
                           "topics": [], "quotes": [_quote(5)], "highlight": {}}),
    (SpeakerListSchema, {"items": [{"id": "k", "name": "K", "quote_count": 3,
                                    "aliases": COUNTED, "roles": []}]}),
    (SpeakerSchema, {"id": "k", "name": "K", "quote_count": 3, "aliases": COUNTED,
                     "roles": COUNTED, "organizations": [], "topics": COUNTED,
                     "publishers": [], "months": COUNTED, "undated": 0, "first_date": None,
                     "last_date": "2019-01-01"}),
    (VerifyResponseSchema, {
        "verdict": "altered", "claim": "c", "claimed_speaker": None,
        "searched": {"text": "c", "speaker": None, "date_from": None, "date_to": None,
                     "candidates_compared": 3},
        "matches": [{"quote_id": "q", "verdict": "altered", "rule": "r", "score": 70,
                     "quote": "q", "kind": "direct", "speaker": None, "date": None,
                     "release_id": "r", "release_title": None, "source_url": None,
                     "context": "", "context_span": [1, 2], "longest_fragment": "f",
                     "diff": [{"op": "equal", "claimed": ["a"], "original": ["a"]}],
                     "changed": [], "finding": "F"}]}),
]


@pytest.mark.parametrize(("schema", "obj"), CASES, ids=[c[0].__name__ for c in CASES])
def test_same_output_as_marshmallow(schema: type[Schema], obj: Any) -> None:
    _compile(schema)  # compiled, not the marshmallow fallback
    assert dump(schema, obj) == schema().dump(obj)


def test_many() -> None:
    items = [_quote(1), _quote(2)]
    assert dump(QuoteSchema, items, many=True) == QuoteSchema(many=True).dump(items)


def test_unsupported_fields_fall_back_to_marshmallow() -> None:
    class Odd(Schema):
        when = fields.Method("stamp")

        def stamp(self, obj: Any) -> str:
            return "now"

    assert dump(Odd, {}) == {"when": "now"}
