"""Searching quotes and releases: typed request in, DSL built, results read back.

The only module (with :mod:`search_service.speakers`) that sends searches to
Elasticsearch for the app. ``build_*`` functions are pure, so the DSL can be
tested without a node; the ``Searcher`` methods run them and translate the client's
failures into Wortlaut errors (:func:`~search_service.client.translated_errors`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from search_service.client import Client, api_error, node_url, translated_errors
from search_service.compounds import CompoundSplitter
from search_service.errors import NotFound
from search_service.facets import (
    QUOTE_FACETS,
    RELEASE_FACETS,
    Facet,
    facet_filters,
    facet_searches,
    merged_aggregations,
    read_facets,
    read_months,
)
from search_service.fulltext import has_near_spellings, highlight_query, text_query
from search_service.indices import IndexKind, IndexNames
from search_service.limits import LIMITS
from search_service.marks import Field, Marker, mark_hits
from search_service.request import QuoteSearch, ReleaseSearch, SearchRequest
from search_service.results import Page, Quote, Release, ReleaseWithQuotes
from search_service.suggest import FEW_HITS, corrected_text, suggest_body

T = TypeVar("T")

# A quote's paragraph is searched through its ``surroundings`` (the paragraph without the
# quote's own words, which ``text`` holds).
QUOTE_FIELDS = ("text^3", "surroundings", "release_title^0.5")
QUOTE_EXACT_FIELDS = ("text.exact", "surroundings.exact")
RELEASE_FIELDS = ("title^3", "lead^2", "body", "headings")
RELEASE_EXACT_FIELDS = ("title.exact", "lead.exact", "body.exact")
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


def _sort(request: SearchRequest, scope: _Scope) -> list[Any]:
    """Sort with the scope's unique key last, so equal scores and dates page stably."""
    date_field = scope.date_field
    newest = {date_field: {"order": "desc", "missing": "_last"}}
    oldest = {date_field: {"order": "asc", "missing": "_last"}}
    keys: dict[str, list[Any]] = {
        "relevance": ["_score", newest],
        "newest": [newest, "_score"],
        "oldest": [oldest, "_score"],
    }
    return [*keys[request.sort], *({key: "asc"} for key in scope.unique)]


@dataclass(frozen=True)
class _Scope:
    """What differs between quote and release searches."""

    fields: tuple[str, ...]
    exact: tuple[str, ...]
    facets: tuple[Facet, ...]
    date_field: str
    highlight: dict[str, Any]
    marked: tuple[Field, ...]  # what search_service.marks adds marks to
    unique: tuple[str, ...]  # sort keys that tell any two documents apart


_QUOTES = _Scope(QUOTE_FIELDS, QUOTE_EXACT_FIELDS, QUOTE_FACETS, "date", {
    "text": {"number_of_fragments": 0},
    "text.exact": {"number_of_fragments": 0},
    "surroundings": {"fragment_size": 240, "number_of_fragments": 1},
    "surroundings.exact": {"fragment_size": 240, "number_of_fragments": 1},
}, (Field("text"), Field("surroundings", whole=False, size=240, count=1)),
   ("release_id", "start"))
_RELEASES = _Scope(RELEASE_FIELDS, RELEASE_EXACT_FIELDS, RELEASE_FACETS, "published", {
    "title": {"number_of_fragments": 0},
    "lead": {"number_of_fragments": 0},
    "body": {"fragment_size": 200, "number_of_fragments": 2},
    "body.exact": {"fragment_size": 200, "number_of_fragments": 2},
}, (Field("title"), Field("lead"), Field("body", whole=False, size=200, count=2)), ("id",))


def _query(request: SearchRequest, splitter: CompoundSplitter, scope: _Scope,
           filters: Iterable[dict[str, Any]] = (), *,
           typo_tolerant: bool = False) -> dict[str, Any]:
    """The user's text, the date rules and ``filters``."""
    text = text_query(request.q, scope.fields, scope.exact, splitter,
                      typo_tolerant=typo_tolerant)
    return {"bool": {"must": [text],
                     "filter": [*_dates(request, scope.date_field), *filters]}}


def _searches(request: SearchRequest, splitter: CompoundSplitter, scope: _Scope, *,
              typo_tolerant: bool = False) -> list[dict[str, Any]]:
    """One page with facets: the page's search, then one search per facet with a
    selection (:func:`~search_service.facets.facet_searches`: a facet keeps counting the
    values its own selection hides)."""
    query, aggs, facets = facet_searches(
        scope.facets, request, _query(request, splitter, scope, typo_tolerant=typo_tolerant),
        facet_filters(scope.facets, request))
    page: dict[str, Any] = {
        "query": query,
        "aggs": aggs,
        "sort": _sort(request, scope),
        "from": request.offset,
        "size": request.per_page,
        "track_total_hits": True,
        "highlight": {**_HL, "fields": scope.highlight},
    }
    # Without the search's near spellings, whose fuzzy queries the highlighter would
    # compile for every hit (search_service.marks marks them).
    marks = highlight_query(request.q, scope.fields, scope.exact, splitter)
    if marks is not None:
        page["highlight"]["highlight_query"] = marks
    return [page, *facets]


def build_quote_search(request: QuoteSearch, splitter: CompoundSplitter, *,
                       typo_tolerant: bool = False) -> list[dict[str, Any]]:
    """The quote search (the page's search first, see :func:`_searches`);
    ``typo_tolerant``: the second try of a search that found little (see ``Searcher``)."""
    return _searches(request, splitter, _QUOTES, typo_tolerant=typo_tolerant)


def build_release_search(request: ReleaseSearch, splitter: CompoundSplitter, *,
                         typo_tolerant: bool = False) -> list[dict[str, Any]]:
    return _searches(request, splitter, _RELEASES, typo_tolerant=typo_tolerant)


def build_quote_export(request: QuoteSearch, splitter: CompoundSplitter,
                       size: int, *, typo_tolerant: bool = False) -> dict[str, Any]:
    """A batch of an export: the search's quotes in its order, ``size`` at a time (paged
    with ``search_after``), facet selections as plain filters; no counts, no highlights."""
    filters = facet_filters(_QUOTES.facets, request)
    return {
        "query": _query(request, splitter, _QUOTES, filters.values(),
                        typo_tolerant=typo_tolerant),
        "sort": _sort(request, _QUOTES),
        "size": size,
        "track_total_hits": False,
    }


# What a page does not read of a search's answer (a tenth of its bytes, mostly in the
# facets' buckets), left out by Elasticsearch instead of parsed here.
_PAGE_RESPONSE = ("-**._shards", "-**._index", "-**.sort", "-**.max_score",
                  "-**.doc_count_error_upper_bound", "-**.sum_other_doc_count")


_JSON_HEADERS = {"accept": "application/json", "content-type": "application/json"}
_NDJSON_HEADERS = {"accept": "application/json", "content-type": "application/x-ndjson"}


def _filter_params(filter_path: Sequence[str] | None) -> dict[str, str] | None:
    return {"filter_path": ",".join(filter_path)} if filter_path else None


def _total(raw: dict[str, Any]) -> int:
    return int(raw["hits"]["total"]["value"])


def guarded(call: Callable[[], T], where: str = "the configured URL") -> T:
    """Run one request; the client's failures become Wortlaut errors
    (:func:`~search_service.client.translated_errors`)."""
    with translated_errors(where):
        return call()


class Searcher:
    """Searches over one prefix's aliases with one client."""

    def __init__(self, client: Client, names: IndexNames,
                 splitter: CompoundSplitter) -> None:
        self.client = client
        self.names = names
        self.splitter = splitter

    def where(self) -> str:
        """The node's URL, for messages."""
        return node_url(self.client)

    def _post(self, kind: IndexKind, endpoint: Literal["search", "msearch"], body: Any,
              filter_path: Sequence[str] | None) -> Any:
        """The request the typed ``client.search``/``client.msearch`` sends, made
        directly: their moving of each parameter into place cost 0.14 M instructions a
        search (1.25 -> 1.11 M; bench/README.md, "Fewer instructions per page, again")."""
        index = self.names.alias(kind)
        headers = _JSON_HEADERS if endpoint == "search" else _NDJSON_HEADERS
        response = guarded(lambda: self.client.perform_request(
            "POST", f"/{index}/_{endpoint}", params=_filter_params(filter_path),
            headers=headers, body=body, endpoint_id=endpoint,
            path_parts={"index": index}), self.where())
        return response.body

    def raw_search(self, kind: IndexKind, body: dict[str, Any],
                   filter_path: Sequence[str] | None = None) -> dict[str, Any]:
        return dict(self._post(kind, "search", body, filter_path))

    def searches(self, kind: IndexKind, bodies: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """The first search's response, with the aggregations of all ``bodies`` merged
        (:func:`~search_service.facets.merged_aggregations`); more than one body goes in
        one ``_msearch`` round trip."""
        if len(bodies) == 1:
            responses = [self.raw_search(kind, bodies[0], _PAGE_RESPONSE)]
        else:
            searches = [part for body in bodies for part in ({}, body)]
            raw = self._post(kind, "msearch", searches, _PAGE_RESPONSE)
            responses = [dict(item) for item in raw["responses"]]
            for item in responses:
                if "error" in item:
                    raise api_error(int(item.get("status", 500)), item["error"],
                                    self.where())
        return {**responses[0], "aggregations": merged_aggregations(
            [item.get("aggregations", {}) for item in responses])}

    def _page(self, kind: IndexKind, request: Any,
              build: Callable[..., list[dict[str, Any]]],
              scope: _Scope) -> dict[str, Any]:
        """One page of a search. Typo tolerance where it helps, not where it hurts: only
        when the search finds fewer than FEW_HITS and has a word that may be misspelt is it
        tried again with near spellings (ranked below exact matches), and that answer
        kept if it finds more. The words found through search forms, compound parts or
        near spellings are then marked too (:mod:`search_service.marks`)."""
        raw = self.searches(kind, build(request, self.splitter))
        near = False
        if _total(raw) < FEW_HITS and has_near_spellings(request.q, self.splitter):
            wider = self.searches(kind, build(request, self.splitter, typo_tolerant=True))
            if _total(wider) > _total(raw):
                raw, near = wider, True
        mark_hits(raw["hits"]["hits"], Marker.of(request.q, self.splitter, near=near),
                  scope.marked)
        return raw

    def quotes(self, request: QuoteSearch,
               read: Callable[[dict[str, Any]], Any] = Quote.from_hit, *,
               views: bool = False) -> Page:
        """A page of quotes; ``read`` makes each item of a hit (the API reads a hit
        straight into its response: :func:`~search_service.document_model.api_view`),
        ``views``: the facet values as the API shows them (:meth:`Facet.bucket_views`)."""
        request.validate()
        raw = self._page("quotes", request, build_quote_search, _QUOTES)
        total = _total(raw)
        return Page(total=total, page=request.page,
                    per_page=request.per_page,
                    items=[read(hit) for hit in raw["hits"]["hits"]],
                    facets=read_facets(QUOTE_FACETS, request, raw.get("aggregations", {}),
                                       views=views),
                    months=read_months(QUOTE_FACETS, request, raw.get("aggregations", {})),
                    suggestion=self.suggestion(request, total))

    def suggestion(self, request: QuoteSearch, total: int) -> str | None:
        """A close spelling of ``request.q`` that finds more quotes, when it finds fewer than
        :data:`~search_service.suggest.FEW_HITS` (two more requests, only then)."""
        if total >= FEW_HITS or not request.q.strip():
            return None
        body = suggest_body(request.q, QUOTE_EXACT_FIELDS)
        if body is None:
            return None
        better = corrected_text(request.q, self.raw_search("quotes", body))
        if better is None or better == request.q:
            return None
        page = build_quote_search(dataclasses.replace(request, q=better, page=1),
                                  self.splitter)[0]
        raw = self.raw_search("quotes", {"query": page["query"], "size": 0,
                                         "track_total_hits": True})
        return better if int(raw["hits"]["total"]["value"]) > total else None

    def releases(self, request: ReleaseSearch,
                 read: Callable[[dict[str, Any]], Any] = Release.from_hit, *,
                 views: bool = False) -> Page:
        """A page of releases; ``read`` and ``views`` as for :meth:`quotes`."""
        request.validate()
        raw = self._page("releases", request, build_release_search, _RELEASES)
        return Page(total=int(raw["hits"]["total"]["value"]), page=request.page,
                    per_page=request.per_page,
                    items=[read(hit) for hit in raw["hits"]["hits"]],
                    facets=read_facets(RELEASE_FACETS, request, raw.get("aggregations", {}),
                                       views=views),
                    months=read_months(RELEASE_FACETS, request, raw.get("aggregations", {})))

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
            "sort": [{"start": "asc"}, {"end": "desc"}], "size": LIMITS.quotes_per_release})
        return ReleaseWithQuotes(release, [Quote.from_hit(h) for h in raw["hits"]["hits"]])

    def similar(self, quote_id: str, size: int = LIMITS.default_similar) -> list[Quote]:
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

    def export_quotes(self, request: QuoteSearch,
                      limit: int = LIMITS.export_rows) -> Iterator[Quote]:
        """Every quote of a search (facet selections applied), in sort order, capped."""
        request.validate()
        size = min(LIMITS.export_batch, limit)
        body = build_quote_export(request, self.splitter, size)
        if has_near_spellings(request.q, self.splitter):  # as the page: see _page
            found = self.raw_search("quotes", {"query": body["query"], "size": 0,
                                               "track_total_hits": FEW_HITS})
            if _total(found) < FEW_HITS:
                body = build_quote_export(request, self.splitter, size, typo_tolerant=True)
        sent = 0
        while sent < limit:
            hits = self.raw_search("quotes", body)["hits"]["hits"]
            for hit in hits[: limit - sent]:
                yield Quote.from_hit(hit)
                sent += 1
            if len(hits) < body["size"]:
                return
            body["search_after"] = hits[-1]["sort"]
