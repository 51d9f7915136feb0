"""The HTML pages (German): search, quote, release, speaker, status. Thin views."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from search_service.errors import ElasticsearchUnavailable, SearchInputError
from search_service.facets import QUOTE_FACETS
from search_service.request import QuoteSearch
from search_service.results import Page
from search_service.speakers import get_speaker
from search_service.status import ServiceStatus, service_status
from web.backend import backend, searcher
from web.charts import month_chart
from web.citation import plain_citation, quotation_jsonld
from web.dates import date_bounds
from web.marking import context_pieces, paragraphs
from web.schemas import QuoteSearchArgs, parse_args

pages = Blueprint("pages", __name__)

_PAGE_ARGS = ("page",)
_FACETS = {facet.name: facet for facet in QUOTE_FACETS}


def _url_with(args: MultiDict[str, str], **changes: list[str]) -> str:
    """The search URL with some arguments replaced (page reset unless given)."""
    new = MultiDict([(k, v) for k, v in args.items(multi=True)
                     if k not in changes and k not in _PAGE_ARGS and v != ""])
    for key, values in changes.items():
        for value in values:
            new.add(key, value)
    query: dict[str, Any] = new.to_dict(flat=False)
    return url_for("pages.search", **query)


def _toggle(args: MultiDict[str, str], facet: str, value: str) -> str:
    """The search URL with ``value`` of ``facet`` selected, or deselected if it is."""
    return _url_with(args, **_FACETS[facet].toggle(args.to_dict(flat=False), value))


@pages.get("/")
def search() -> tuple[str, int]:
    args = request.args
    error: SearchInputError | None = None
    result: Page | None = None
    try:
        query: QuoteSearch = parse_args(QuoteSearchArgs(), args, strict=False)
        result = searcher().quotes(query)
    except SearchInputError as problem:
        error, query = problem, QuoteSearch()
    return render_template(
        "search.html", query=query, result=result, error=error,
        page_url=lambda number: _url_with(args, page=[str(number)]),
        toggle=lambda facet, value: _toggle(args, facet, value),
        facet_argument=lambda facet, value: _FACETS[facet].argument(value),
        month_range=lambda month: _url_with(args, date_from=[f"{month}-01"],
                                            date_to=[date_bounds(month)[1].isoformat()],
                                            year=[]),
        suggestion_url=lambda text: _url_with(args, q=[text]),
    ), 400 if error else 200


@pages.get("/zitate/<quote_id>")
def quote(quote_id: str) -> str:
    found = searcher().quote(quote_id)
    similar = searcher().similar(quote_id, size=5)
    page_url = url_for("pages.quote", quote_id=quote_id, _external=True)
    return render_template("quote.html", quote=found, similar=similar,
                           context=context_pieces(found),
                           citation=plain_citation(found, page_url),
                           jsonld=quotation_jsonld(found, page_url))


@pages.get("/mitteilungen/<release_id>")
def release(release_id: str) -> str:
    found = searcher().release(release_id)
    return render_template("release.html", release=found.release, quotes=found.quotes,
                           paragraphs=paragraphs(found.release.body, found.quotes))


@pages.get("/sprecher/<speaker_id>")
def speaker(speaker_id: str) -> str:
    found = get_speaker(searcher(), speaker_id)
    latest = searcher().quotes(QuoteSearch(speaker=(found.name,), sort="newest", per_page=20))
    return render_template("speaker.html", speaker=found, chart=month_chart(found.months),
                           quotes=latest)


@pages.get("/status")
def status() -> tuple[str, int]:
    current = backend()
    try:
        state = service_status(current.client(), current.names)
        message = None if state.ok else "Elasticsearch antwortet nicht."
    except ElasticsearchUnavailable as problem:
        state, message = ServiceStatus("unreachable", []), str(problem)
    if not state.ok:
        current.reset()  # reconnect on the next request (the node may have moved)
    return render_template("status.html", status=state, message=message), (
        200 if state.ok else 503)
