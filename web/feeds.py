"""Atom feeds as alerts: a quote search's newest quotes, or a speaker's.

``GET /feeds/zitate.atom?<the search page's arguments>`` and ``GET
/feeds/sprecher/<id>.atom``. A feed reader polls them and shows what is new: each entry is
one quote (its id the quote page's address, so the same quote keeps its id), the text as
plain text (feedgen escapes it: markup in a source stays text), the speaker as author, links
to the quote page, to the quote marked in its release and to the original source, dated by
the quote's date. :func:`build_feed` is pure; the views only search and answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request, url_for
from flask_babel import gettext

from search_service.limits import LIMITS
from search_service.request import QuoteSearch
from search_service.results import Quote
from search_service.speakers import get_speaker
from web.backend import searcher
from web.formatting import FACET_LABELS, external_url, facet_value_label
from web.i18n import current_locale
from web.pages import FEED_DROPPED, query_args
from web.schemas import QuoteSearchArgs, parse_args

feeds = Blueprint("feeds", __name__, url_prefix="/feeds")

ATOM = "application/atom+xml; charset=utf-8"
# The date of an undated quote (its release has none either): fixed, so the entry does not
# change between requests; such quotes come last, after every dated one.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)
TITLE_WORDS = 80  # characters of the quote in an entry's title
# Characters XML 1.0 cannot carry at all (lxml refuses them): dropped from every text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself: ``url`` (absolute) is its id and self link, ``page``
    the HTML page it follows, ``language`` that of its titles (the interface's)."""

    url: str
    title: str
    page: str
    language: str = "de"


@dataclass(frozen=True)
class QuoteLinks:
    """The absolute addresses of a quote: its page and its place in the release."""

    quote: Callable[[Quote], str]
    release: Callable[[Quote], str]


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def quote_date(quote: Quote) -> datetime:
    """The quote's date as a UTC time: midnight of the day, the first day of a month or year
    printed without one, :data:`UNDATED` for an undated quote."""
    if not quote.date:
        return UNDATED
    value = quote.date
    if len(value) > 10:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    year, month, day = [*value.split("-"), "1", "1"][:3]
    return datetime(int(year), int(month), int(day), tzinfo=UTC)


def speaker_label(quote: Quote) -> str:
    """Who the entry is by: the speaker, else the publishing office, else "unbekannt"."""
    if quote.speaker is not None:
        return quote.speaker.name
    return quote.publisher or gettext("unbekannt")


def entry_title(quote: Quote, size: int = TITLE_WORDS) -> str:
    """``Kai Klose: „In Hessen richtet sich …“`` - the speaker and the start of the quote,
    cut at a word."""
    text = " ".join(quote.text.split())
    if len(text) > size:
        cut = text[:size].rsplit(" ", 1)[0] if " " in text[:size] else text[:size]
        text = cut.rstrip(",;:.-–") + " …"
    return gettext("%(speaker)s: „%(text)s“", speaker=speaker_label(quote), text=text)


def search_title(search: QuoteSearch) -> str:
    """The feed title of a search: its text and its filters."""
    parts = [gettext("Zitate zu „%(q)s“", q=search.q) if search.q.strip()
             else gettext("Neueste Zitate")]
    for facet in ("speaker", "topic", "keyword", "publisher", "kind", "year"):
        values = search.selected(facet)
        if values:
            shown = ", ".join(facet_value_label(facet, v) for v in values)
            parts.append(f"{FACET_LABELS[facet]}: {shown}")
    if search.date_from or search.date_to:
        parts.append(gettext("Zeitraum: %(start)s bis %(end)s", start=search.date_from or "…",
                             end=search.date_to or "…"))
    return xml_text(" · ".join(parts))


class _Entry(FeedEntry):  # type: ignore[misc]
    """feedgen 1.0.0 writes an entry's links without their ``rel``, ``type`` and ``title``
    (it reads them from the new element instead of the link); this puts them back."""

    def atom_entry(self, extensions: bool = True) -> Any:
        entry = super().atom_entry(extensions)
        written = entry.findall("link")
        for element, link in zip(written, self.link() or [], strict=True):
            for name in ("rel", "type", "title"):
                if link.get(name):
                    element.attrib[name] = link[name]
        return entry


def _entry(quote: Quote, links: QuoteLinks) -> FeedEntry:
    entry = _Entry()
    page = links.quote(quote)
    entry.id(page)
    entry.title(xml_text(entry_title(quote)))
    entry.content(xml_text(quote.text), type="text")
    entry.author({"name": xml_text(speaker_label(quote))})
    entry.link(href=page, rel="alternate", type="text/html", title=gettext("Zitat"))
    entry.link(href=links.release(quote), rel="related", type="text/html",
               title=xml_text(quote.release_title or gettext("Pressemitteilung")))
    source = external_url(quote.source_url)
    if source:
        entry.link(href=source, rel="via", title=gettext("Originalquelle"))
    for topic in quote.topics:
        entry.category(term=xml_text(topic))
    moment = quote_date(quote)
    entry.published(moment)
    entry.updated(moment)
    return entry


def build_feed(info: FeedInfo, quotes: Sequence[Quote], links: QuoteLinks) -> bytes:
    """The Atom document: ``quotes`` in the given order (newest first), the feed updated
    when its newest entry is (:data:`UNDATED` when it has none)."""
    feed = FeedGenerator()
    feed.id(info.url)
    feed.title(xml_text(info.title))
    feed.link(href=info.url, rel="self", type="application/atom+xml")
    feed.link(href=info.page, rel="alternate", type="text/html")
    feed.language(info.language)
    feed.generator("Wortlaut")
    for quote in quotes:
        feed.add_entry(_entry(quote, links), order="append")
    feed.updated(max((quote_date(q) for q in quotes), default=UNDATED))
    return bytes(feed.atom_str(pretty=True))


def _links() -> QuoteLinks:
    return QuoteLinks(
        quote=lambda q: url_for("pages.quote", quote_id=q.id, _external=True),
        release=lambda q: url_for("pages.release", release_id=q.release_id,
                                  _anchor=f"zitat-{q.id}", _external=True))


def _newest(search: QuoteSearch) -> list[Quote]:
    """The search's newest quotes, whatever its sort and page (no facets, no highlights)."""
    newest = dataclasses.replace(search, sort="newest", page=1)
    return list(searcher().export_quotes(newest, limit=LIMITS.feed_entries))


def _atom(body: bytes) -> Response:
    return Response(body, content_type=ATOM)


@feeds.get("/zitate.atom")
def quotes() -> Response:
    """The newest quotes of a search (the search page's arguments; bad ones: 400)."""
    search: QuoteSearch = parse_args(QuoteSearchArgs(), request.args, strict=False)
    args = query_args(request.args, FEED_DROPPED)
    info = FeedInfo(url=url_for("feeds.quotes", **args, _external=True),
                    title=gettext("Wortlaut: %(title)s", title=search_title(search)),
                    page=url_for("pages.search", **args, _external=True),
                    language=current_locale())
    return _atom(build_feed(info, _newest(search), _links()))


@feeds.get("/sprecher/<speaker_id>.atom")
def speaker(speaker_id: str) -> Response:
    """A speaker's newest quotes (unknown id: 404)."""
    found = get_speaker(searcher(), speaker_id)
    info = FeedInfo(url=url_for("feeds.speaker", speaker_id=speaker_id, _external=True),
                    title=gettext("Wortlaut: Zitate von %(name)s", name=found.name),
                    page=url_for("pages.speaker", speaker_id=speaker_id, _external=True),
                    language=current_locale())
    quotes = _newest(QuoteSearch(speaker=(found.name,)))
    return _atom(build_feed(info, quotes, _links()))
