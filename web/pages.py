"""The HTML pages (German or English, see web.i18n): quote and release search, quote, release,
speaker directory, speaker, status. Thin views."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from marshmallow import Schema
from werkzeug.datastructures import MultiDict

from search_service.errors import ElasticsearchUnavailable, SearchInputError
from search_service.facets import QUOTE_FACETS, RELEASE_FACETS, Facet
from search_service.limits import LIMITS
from search_service.request import QuoteSearch, ReleaseSearch, SpeakerQuery
from search_service.results import Release, Segment, segments
from search_service.speakers import find_speakers, get_speaker
from search_service.status import ServiceStatus, service_status
from web.backend import backend, searcher
from web.charts import month_chart
from web.citation import plain_citation, quotation_jsonld
from web.dates import date_bounds
from web.marking import context_pieces, paragraphs
from web.messages import localize
from web.schemas import QuoteSearchArgs, ReleaseSearchArgs, SpeakerSearchArgs, parse_args

pages = Blueprint("pages", __name__)

# Arguments a link to another view of the same search leaves out: the page (a changed search
# starts again at page 1) and the speaker name typed into the speaker facet (resolved once).
_DROPPED = ("page", "speaker_name")
# ... and what a feed of the search ignores (it is always the newest quotes).
FEED_DROPPED = (*_DROPPED, "per_page", "sort")
_QUOTE_FACETS = {facet.name: facet for facet in QUOTE_FACETS}
_RELEASE_FACETS = {facet.name: facet for facet in RELEASE_FACETS}
R = TypeVar("R")  # a typed request
P = TypeVar("P")  # its page of results


def query_args(args: MultiDict[str, str], drop: Sequence[str] = _DROPPED,
               **changes: list[str]) -> dict[str, Any]:
    """The URL arguments of ``args`` with some replaced by ``changes`` and those in ``drop``
    (and empty ones) left out, for ``url_for``."""
    new = MultiDict([(k, v) for k, v in args.items(multi=True)
                     if k not in changes and k not in drop and v != ""])
    for key, values in changes.items():
        for value in values:
            new.add(key, value)
    return new.to_dict(flat=False)


def _url_with(args: MultiDict[str, str], endpoint: str = "pages.search", /,
              **changes: list[str]) -> str:
    """The URL of the search at ``endpoint`` with some arguments replaced (page reset unless
    given)."""
    return url_for(endpoint, **query_args(args, **changes))


def _search_links(endpoint: str, args: MultiDict[str, str],
                  facets: Mapping[str, Facet]) -> dict[str, Any]:
    """What a search page's template links with: pages, facet toggles, months, reset."""
    return {
        "page_url": lambda number: _url_with(args, endpoint, page=[str(number)]),
        "toggle": lambda facet, value: _url_with(
            args, endpoint, **facets[facet].toggle(args.to_dict(flat=False), value)),
        "facet_argument": lambda facet, value: facets[facet].argument(value),
        "month_range": lambda month: _url_with(
            args, endpoint, date_from=[f"{month}-01"],
            date_to=[date_bounds(month)[1].isoformat()], year=[]),
        "reset_url": url_for(endpoint),
    }


def _searched(schema: Schema, empty: R, run: Callable[[R], P]
              ) -> tuple[R, P | None, SearchInputError | None]:
    """The page's request parsed from the URL and run, or the error to show in the page."""
    try:
        query: R = parse_args(schema, request.args, strict=False)
        return query, run(query), None
    except SearchInputError as problem:
        return empty, None, problem


def _speakers_named(args: MultiDict[str, str]) -> str | None:
    """The search URL with the speakers whose name starts with the words typed into the
    speaker facet (``speaker_name``) selected besides those already selected, most quoted
    first, or None when nobody is found (so filtering works beyond the facet's top values,
    without JavaScript)."""
    chosen = [name for name in args.getlist("speaker") if name]
    wanted = LIMITS.filter_values - len(chosen)
    found = find_speakers(searcher(), SpeakerQuery(
        q=args.get("speaker_name", ""), size=max(1, min(wanted, LIMITS.per_page))))
    names = [s.name for s in found.items if s.name not in chosen][:max(0, wanted)]
    return _url_with(args, speaker=[*chosen, *names]) if names else None


@pages.get("/")
def search() -> ResponseReturnValue:
    args = request.args
    unknown_speaker = None
    if args.get("speaker_name", "").strip():
        selected = _speakers_named(args)
        if selected is not None:
            return redirect(selected)
        unknown_speaker = args["speaker_name"]
    query, result, error = _searched(QuoteSearchArgs(), QuoteSearch(), searcher().quotes)
    return render_template(
        "search.html", query=query, result=result, error=error,
        **_search_links("pages.search", args, _QUOTE_FACETS),
        suggestion_url=lambda text: _url_with(args, q=[text]),
        feed_url=url_for("feeds.quotes", **query_args(args, FEED_DROPPED)),
        unknown_speaker=unknown_speaker,
    ), 400 if error else 200


@pages.get("/mitteilungen")
def releases() -> ResponseReturnValue:
    """Release search: the quote search's syntax, filters and facets over whole releases."""
    query, result, error = _searched(ReleaseSearchArgs(), ReleaseSearch(), searcher().releases)
    return render_template(
        "releases.html", query=query, result=result, error=error,
        **_search_links("pages.releases", request.args, _RELEASE_FACETS),
        title_segments=title_segments,
        quotes_url=_url_with(request.args),
    ), 400 if error else 200


def title_segments(release: Release) -> list[Segment]:
    """A release's title as plain pieces, the searched words marked."""
    if "title" in release.highlight:
        return segments(release.highlight["title"])
    return [Segment(release.title)]


@pages.get("/sprecher")
def speakers() -> ResponseReturnValue:
    """The speaker directory: most quoted first, filtered by the start of any word of the
    name."""
    query, found, error = _searched(SpeakerSearchArgs(), SpeakerQuery(),
                                    lambda query: find_speakers(searcher(), query))
    return render_template(
        "speakers.html", query=query, result=found, error=error,
        page_url=lambda number: _url_with(request.args, "pages.speakers", page=[str(number)]),
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
        message = None if state.ok else gettext("Elasticsearch antwortet nicht.")
    except ElasticsearchUnavailable as problem:
        state, message = ServiceStatus("unreachable", []), localize(str(problem))
    if not state.ok:
        current.reset()  # reconnect on the next request (the node may have moved)
    return render_template("status.html", status=state, message=message), (
        200 if state.ok else 503)
