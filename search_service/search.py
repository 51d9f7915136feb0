"""Searching quotes and releases: typed request in, DSL built, results read back.

The only module (with :mod:`search_service.speakers`) that sends searches to
Elasticsearch for the app. ``build_*`` functions are pure, so the DSL can be
tested without a node; the ``Searcher`` methods run them and translate transport
failures into :class:`ElasticsearchUnavailable`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import elasticsearch
from elasticsearch import Elasticsearch

from search_service.compounds import CompoundSplitter
from search_service.errors import ElasticsearchUnavailable, NotFound
from search_service.facets import (
    QUOTE_FACETS,
    RELEASE_FACETS,
    Facet,
    aggregations,
    facet_filters,
    post_filter,
    read_facets,
    read_months,
)
from search_service.fulltext import text_query
from search_service.indices import IndexKind, IndexNames
from search_service.request import QuoteSearch, ReleaseSearch, SearchRequest
from search_service.results import Page, Quote, Release, ReleaseWithQuotes

T = TypeVar("T")

QUOTE_FIELDS = ("text^3", "context", "release_title^0.5")
QUOTE_EXACT_FIELDS = ("text.exact", "context.exact")
RELEASE_FIELDS = ("title^3", "lead^2", "body", "headings")
RELEASE_EXACT_FIELDS = ("title.exact", "lead.exact", "body.exact")
EXPORT_MAX = 5_000
MAX_QUOTES_PER_RELEASE = 1_000
_HL = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}


def _dates(request: SearchRequest, field: str) -> list[dict[str, Any]]:
    """Date range (inclusive) and the undated rule, as query filters (they narrow facets)."""
    bounds = {}
    if request.date_from:
        bounds["gte"] = request.date_from.isoformat()
    if request.date_to:
        bounds["lte"] = request.date_to.isoformat()
    undated = request.undated or ("exclude" if bounds else "include")
    missing = {"bool": {"must_not": [{"exists": {"field": field}}]}}
    if undated == "only":
        return [missing]
    if bounds:
        in_range = {"range": {field: {**bounds, "format": "yyyy-MM-dd"}}}
        return [in_range if undated == "exclude" else
                {"bool": {"should": [in_range, missing], "minimum_should_match": 1}}]
    return [{"exists": {"field": field}}] if undated == "exclude" else []


def _sort(request: SearchRequest, date_field: str) -> list[Any]:
    """Sort with ``id`` as the last key, so equal scores and dates page stably."""
    newest = {date_field: {"order": "desc", "missing": "_last"}}
    oldest = {date_field: {"order": "asc", "missing": "_last"}}
    keys: dict[str, list[Any]] = {
        "relevance": ["_score", newest],
        "newest": [newest, "_score"],
        "oldest": [oldest, "_score"],
    }
    return [*keys[request.sort], {"id": "asc"}]


def _body(request: SearchRequest, splitter: CompoundSplitter, *, fields: tuple[str, ...],
          exact: tuple[str, ...], facets: tuple[Facet, ...], date_field: str,
          highlight: dict[str, Any]) -> dict[str, Any]:
    filters = facet_filters(facets, request)
    body: dict[str, Any] = {
        "query": {"bool": {"must": [text_query(request.q, fields, exact, splitter)],
                           "filter": _dates(request, date_field)}},
        "aggs": aggregations(facets, request, filters, date_field),
        "sort": _sort(request, date_field),
        "from": request.offset,
        "size": request.per_page,
        "track_total_hits": True,
        "highlight": {**_HL, "fields": highlight},
    }
    if (pf := post_filter(filters)) is not None:
        body["post_filter"] = pf
    return body


def build_quote_search(request: QuoteSearch, splitter: CompoundSplitter) -> dict[str, Any]:
    return _body(request, splitter, fields=QUOTE_FIELDS, exact=QUOTE_EXACT_FIELDS,
                 facets=QUOTE_FACETS, date_field="date", highlight={
                     "text": {"number_of_fragments": 0},
                     "text.exact": {"number_of_fragments": 0},
                     "context": {"fragment_size": 240, "number_of_fragments": 1},
                     "context.exact": {"fragment_size": 240, "number_of_fragments": 1},
                 })


def build_release_search(request: ReleaseSearch, splitter: CompoundSplitter) -> dict[str, Any]:
    body = _body(request, splitter, fields=RELEASE_FIELDS, exact=RELEASE_EXACT_FIELDS,
                 facets=RELEASE_FACETS, date_field="published", highlight={
                     "title": {"number_of_fragments": 0},
                     "lead": {"number_of_fragments": 0},
                     "body": {"fragment_size": 200, "number_of_fragments": 2},
                     "body.exact": {"fragment_size": 200, "number_of_fragments": 2},
                 })
    body["_source"] = {"excludes": ["compound_parts"]}
    return body


def guarded(call: Callable[[], T], where: str = "the configured URL") -> T:
    """Run one request; transport failures become :class:`ElasticsearchUnavailable`."""
    try:
        return call()
    except elasticsearch.ConnectionTimeout:
        raise ElasticsearchUnavailable(
            f"Elasticsearch at {where} did not answer in time. The search is unavailable "
            "for the moment; try again shortly.") from None
    except elasticsearch.ConnectionError:
        raise ElasticsearchUnavailable(
            f"Cannot reach Elasticsearch at {where}. The search is unavailable for the "
            "moment; try again shortly, and check that the node runs "
            "(`wortlaut es status`).") from None
    except elasticsearch.NotFoundError as error:
        if error.error == "index_not_found_exception":
            raise ElasticsearchUnavailable(
                "The search indices do not exist yet. Index releases first: "
                "`wortlaut index data/samples`.") from None
        raise
    except elasticsearch.ApiError as error:
        if error.status_code in {429, 502, 503, 504}:
            raise ElasticsearchUnavailable(
                f"Elasticsearch is overloaded or unavailable (HTTP {error.status_code}); "
                "try again shortly.") from None
        raise


class Searcher:
    """Searches over one prefix's aliases with one client."""

    def __init__(self, client: Elasticsearch, names: IndexNames,
                 splitter: CompoundSplitter) -> None:
        self.client = client
        self.names = names
        self.splitter = splitter

    def where(self) -> str:
        """The node's URL, for messages."""
        return str(self.client.transport.node_pool.get().base_url)

    def raw_search(self, kind: IndexKind, body: dict[str, Any]) -> dict[str, Any]:
        response = guarded(lambda: self.client.search(index=self.names.alias(kind), **body),
                           self.where())
        return dict(response.body)

    def quotes(self, request: QuoteSearch) -> Page:
        request.validate()
        raw = self.raw_search("quotes", build_quote_search(request, self.splitter))
        return Page(total=int(raw["hits"]["total"]["value"]), page=request.page,
                    per_page=request.per_page,
                    items=[Quote.from_hit(hit) for hit in raw["hits"]["hits"]],
                    facets=read_facets(QUOTE_FACETS, request, raw.get("aggregations", {})),
                    months=read_months(raw.get("aggregations", {})))

    def releases(self, request: ReleaseSearch) -> Page:
        request.validate()
        raw = self.raw_search("releases", build_release_search(request, self.splitter))
        return Page(total=int(raw["hits"]["total"]["value"]), page=request.page,
                    per_page=request.per_page,
                    items=[Release.from_hit(hit) for hit in raw["hits"]["hits"]],
                    facets=read_facets(RELEASE_FACETS, request, raw.get("aggregations", {})),
                    months=read_months(raw.get("aggregations", {})))

    def _one(self, kind: IndexKind, doc_id: str) -> dict[str, Any]:
        raw = self.raw_search(kind, {"query": {"ids": {"values": [doc_id]}}, "size": 1})
        hits = raw["hits"]["hits"]
        if not hits:
            label = {"quotes": "quote", "releases": "release"}[kind]
            raise NotFound(f"There is no {label} with the id {doc_id!r}.")
        return dict(hits[0])

    def quote(self, quote_id: str) -> Quote:
        return Quote.from_hit(self._one("quotes", quote_id))

    def release(self, release_id: str) -> ReleaseWithQuotes:
        release = Release.from_hit(self._one("releases", release_id))
        raw = self.raw_search("quotes", {
            "query": {"bool": {"filter": [{"term": {"release_id": release_id}}]}},
            "sort": [{"start": "asc"}, {"end": "desc"}], "size": MAX_QUOTES_PER_RELEASE})
        return ReleaseWithQuotes(release, [Quote.from_hit(h) for h in raw["hits"]["hits"]])

    def similar(self, quote_id: str, size: int = 10) -> list[Quote]:
        """Quotes with similar wording (``more_like_this``, in the server core)."""
        self._one("quotes", quote_id)
        raw = self.raw_search("quotes", {
            "query": {"more_like_this": {
                "fields": ["text"], "like": [{"_index": self.names.alias("quotes"),
                                              "_id": quote_id}],
                "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 25,
                "minimum_should_match": "20%"}},
            "size": size})
        return [Quote.from_hit(h) for h in raw["hits"]["hits"]]

    def export_quotes(self, request: QuoteSearch, limit: int = EXPORT_MAX) -> Iterator[Quote]:
        """Every quote of a search (facet selections applied), in sort order, capped."""
        request.validate()
        body = build_quote_search(request, self.splitter)
        for key in ("aggs", "highlight", "from"):
            body.pop(key, None)
        if "post_filter" in body:
            body["query"]["bool"]["filter"].append(body.pop("post_filter"))
        body["size"] = min(500, limit)
        body["track_total_hits"] = False
        sent = 0
        while sent < limit:
            hits = self.raw_search("quotes", body)["hits"]["hits"]
            for hit in hits[: limit - sent]:
                yield Quote.from_hit(hit)
                sent += 1
            if len(hits) < body["size"]:
                return
            body["search_after"] = hits[-1]["sort"]
