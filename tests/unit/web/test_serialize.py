"""web.serialize gives exactly what marshmallow's Schema.dump gives, for every response
schema of the API, and the API's blueprints serialise with it."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from flask import Flask
from marshmallow import Schema, fields, post_dump

from search_service.document_model import ApiView, ApiViews, to_source
from search_service.documents import Kind, Quote, Release, SourceRef, SpeakerRef
from search_service.facets import QUOTE_FACETS, RELEASE_FACETS, FacetValue, read_facets
from search_service.request import QuoteSearch
from search_service.results import Page
from search_service.status import IndexStatus
from web.api import SimilarListSchema
from web.openapi import ApiBlueprint, init_api
from web.schemas import (
    HealthSchema,
    QuoteListSchema,
    QuoteSchema,
    ReleaseDetailSchema,
    ReleaseListSchema,
    SpeakerListSchema,
    SpeakerSchema,
)
from web.schemas.responses import QuoteFacetsSchema, ReleaseFacetsSchema, ReleaseSchema
from web.schemas.verify import VerifyResponseSchema
from web.serialize import Unsupported, compile_dump, dump, hit_view


def _quote(n: int, speaker: bool = True) -> Quote:
    return Quote(id=f"q{n}", release_id="r1", kind=Kind.DIRECT, text=f"Wir <b>{n}</b> & mehr",
                 speaker=SpeakerRef(id="kai-klose", name="Kai Klose", as_printed="Klose",
                                    role="Minister", organization=None)
                 if speaker else None,
                 cue="so Klose", start=n, end=n + 5, context="ctx", context_start=0,
                 date=None if n % 2 else "2018-06-14", date_precision=None, topics=["Integration"],
                 publisher="HMSI", language="de", confidence=0.95, release_title="T",
                 source_url=None, score=1.5 if n else None,
                 highlight={"text": "<mark>Wir</mark>"} if n % 3 else {})


def _release() -> Release:
    return Release(id="r1", title="T", lead="L", body="B", headings=[], publisher=None,
                   place="Berlin", topics=["A", "B"], published="2018", date_precision=None,
                   language="de", source=SourceRef(url="https://x", path=None, sha256=None,
                                                   format="txt"),
                   contact=None, quote_count=2, highlight={"body": "<mark>B</mark>"})


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
    (SimilarListSchema, {"items": [_quote(1), _quote(2)]}),
    (ReleaseDetailSchema, {"id": "r1", "title": "T", "body": "B", "quote_count": 1,
                           "topics": [], "quotes": [_quote(5)], "highlight": {}}),
    (SpeakerListSchema, {"items": [{"id": "k", "name": "K", "quote_count": 3,
                                    "aliases": COUNTED, "roles": []}]}),
    (SpeakerSchema, {"id": "k", "name": "K", "quote_count": 3, "aliases": COUNTED,
                     "roles": COUNTED, "organizations": [], "topics": COUNTED,
                     "publishers": [], "months": COUNTED, "undated": 0, "first_date": None,
                     "last_date": "2019-01-01"}),
    (HealthSchema, {"status": "ok", "elasticsearch": "green", "message": None,
                    "indices": [IndexStatus("quotes", "w-quotes", "w-quotes-1", 12)]}),
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
    compile_dump(schema)  # compiled, not the marshmallow fallback
    assert dump(schema, obj) == schema().dump(obj)


def test_many() -> None:
    items = [_quote(1), _quote(2)]
    assert dump(QuoteSchema, items, many=True) == QuoteSchema(many=True).dump(items)


def _hit(document: Any, **changes: Any) -> dict[str, Any]:
    """A search hit of ``document`` as Elasticsearch returns it; ``changes`` edit its
    ``_source`` (a value of ``...`` removes the field, as an older document lacks it)."""
    source = to_source(document)
    for name, value in changes.items():
        if value is ...:
            source.pop(name)
        else:
            source[name] = value
    return {"_id": source["id"], "_score": document.score, "_source": source,
            "highlight": {"text": ["<mark>Wir</mark> 1", "2"], "text.exact": ["x"]}}


HITS = [
    (QuoteSchema, Quote, _hit(_quote(1))),
    (QuoteSchema, Quote, _hit(_quote(2, speaker=False))),
    # Older documents lack fields; stored values come back untyped; nulls where allowed.
    (QuoteSchema, Quote, _hit(_quote(3), keywords=..., topics=..., speaker=...,
                              confidence=1, start="7", cue=None, kind="statement")),
    (QuoteSchema, Quote, _hit(_quote(4), speaker={"id": "s", "name": "S"}, topics=None,
                              date_precision="month")),
    (ReleaseSchema, Release, _hit(_release())),
    (ReleaseSchema, Release, _hit(_release(), source=..., topics=["A", 3], place=None)),
]


@pytest.mark.parametrize(("schema", "document", "hit"), HITS)
def test_hit_view_is_the_dump_of_the_document(schema: type[Schema], document: Any,
                                              hit: dict[str, Any]) -> None:
    """A results page's hits are read straight into their JSON (web.api): exactly the
    dump of the document read from the hit, keys in the same order, and passed on by the
    dump as they are."""
    expected = schema().dump(document.from_hit(hit))
    view = hit_view(schema, document)(hit)
    assert isinstance(view, ApiView)
    assert view == expected
    assert list(view) == list(expected)
    assert dump(schema, view) is view


def test_hit_view_rejects_what_the_document_stores() -> None:
    view = hit_view(QuoteSchema, Quote)
    with pytest.raises(ValueError, match="'kind-of'"):
        view(_hit(_quote(1), kind="kind-of"))


def test_unsupported_fields_fall_back_to_marshmallow() -> None:
    class Odd(Schema):
        when = fields.Method("stamp")

        def stamp(self, obj: Any) -> str:
            return "now"

    with pytest.raises(Unsupported):
        compile_dump(Odd)
    assert dump(Odd, {}) == {"when": "now"}


def test_schemas_with_dump_hooks_are_not_compiled() -> None:
    class Shouting(Schema):
        word = fields.String()

        @post_dump
        def shout(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
            return {key: value.upper() for key, value in data.items()}

    class Outer(Schema):
        inner = fields.Nested(Shouting)

    for schema in (Shouting, Outer):
        with pytest.raises(Unsupported):
            compile_dump(schema)
    assert dump(Outer, {"inner": {"word": "ja"}}) == {"inner": {"word": "JA"}}


def test_api_responses_are_dumped_by_the_compiled_plan(monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    """``@blp.response(200, Schema)`` serialises with the compiled plan (marshmallow's own
    dump is never called); the OpenAPI document still shows the marshmallow schema."""
    probe = ApiBlueprint("probe", __name__)

    @probe.get("/probe")
    @probe.response(200, QuoteSchema)
    def view() -> Any:
        return _quote(3)

    app = Flask(__name__)
    init_api(app, [probe])

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("marshmallow's dump was called")

    expected = QuoteSchema().dump(_quote(3))
    monkeypatch.setattr(QuoteSchema, "dump", refuse)
    client = app.test_client()
    assert client.get("/probe").get_json() == expected
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["paths"]["/probe"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"] == {"$ref": "#/components/schemas/Quote"}


def _random_aggregations(rng: random.Random) -> tuple[QuoteSearch, dict[str, Any]]:
    """Facet answers as Elasticsearch gives them: string and number keys, keys as
    strings, speaker ids or none, selected values inside and outside the buckets."""
    names = ["Kai Klose", "Frank Ebert", "Integration", "HMSI", "direct", "<b>&</b>"]
    aggs: dict[str, Any] = {}
    for facet in QUOTE_FACETS:
        buckets = []
        for key in rng.sample(names, rng.randint(0, len(names))):
            bucket: dict[str, Any] = {"key": key, "doc_count": rng.randint(1, 9)}
            if facet.name == "year":
                bucket = {"key": rng.randint(0, 10**12),
                          "key_as_string": str(rng.randint(1990, 2030)),
                          "doc_count": bucket["doc_count"]}
            if facet.name == "speaker" and rng.random() < 0.7:
                bucket["ids"] = {"buckets": [{"key": key.lower().replace(" ", "-")}]}
            buckets.append(bucket)
        aggs[facet.key] = {facet.name: {"buckets": buckets},
                           "selected": {"buckets": [{"key": "Nobody", "doc_count": 0}]},
                           "undated": {"doc_count": rng.randint(0, 2)}}
    request = QuoteSearch(speaker=tuple(rng.sample(names, 2)), topic=("Nobody",),
                          year=(2022,) if rng.random() < 0.5 else (),
                          undated="only" if rng.random() < 0.3 else None)
    return request, aggs


def test_facet_views_are_the_dump_of_the_facet_values() -> None:
    """The API reads facet buckets straight into their JSON form (Facet.bucket_views):
    exactly the response schema's dump of the FacetValue objects the pages read."""
    rng = random.Random(5)
    for _ in range(300):
        request, aggs = _random_aggregations(rng)
        objects = read_facets(QUOTE_FACETS, request, aggs)
        views = read_facets(QUOTE_FACETS, request, aggs, views=True)
        assert all(type(values) is ApiViews for values in views.values())
        assert all(type(view) is dict for values in views.values() for view in values)
        # Equal as JSON, keys in the same order.
        assert json.dumps(views) == json.dumps(QuoteFacetsSchema().dump(objects))
        releases = read_facets(RELEASE_FACETS, request, aggs, views=True)
        assert json.dumps(releases) == json.dumps(
            ReleaseFacetsSchema().dump(read_facets(RELEASE_FACETS, request, aggs)))
