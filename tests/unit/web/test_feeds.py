"""Atom feeds built from quotes (web.feeds): pure, read back with feedparser."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import feedparser

from search_service.documents import SpeakerRef
from search_service.request import QuoteSearch
from search_service.results import Quote
from web.feeds import (
    UNDATED,
    FeedInfo,
    QuoteLinks,
    build_feed,
    entry_title,
    quote_date,
    search_title,
)

INFO = FeedInfo(url="http://wortlaut.test/feeds/zitate.atom?q=Integration",
                title="Wortlaut: Zitate zu „Integration“", page="http://wortlaut.test/?q=x")
LINKS = QuoteLinks(quote=lambda q: f"http://wortlaut.test/zitate/{q.id}",
                   release=lambda q: f"http://wortlaut.test/mitteilungen/{q.release_id}"
                                     f"#zitat-{q.id}")


def quote(**fields: Any) -> Quote:
    base: dict[str, Any] = dict(
        id="q1", release_id="r1", kind="direct", text="Integration braucht klare Worte.",
        speaker=SpeakerRef(id="kai-klose", name="Kai Klose"), cue=None, start=0, end=0,
        context="", context_start=0, date="2018-06-14", date_precision="day",
        topics=["Migration und Integration"], publisher="Ministerium", language="de",
        release_title="Integrationsplan", source_url="https://example.org/pm",
        confidence=None)
    base.update(fields)
    return Quote(**base)


def parsed(quotes: list[Quote]) -> Any:
    feed = feedparser.parse(build_feed(INFO, quotes, LINKS))
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_feed_has_its_id_title_links_and_newest_update() -> None:
    feed = parsed([quote(id="a", date="2020-03-01"), quote(id="b", date="2019-01-02")])
    assert feed.feed.id == INFO.url and feed.feed.title == INFO.title
    rels = {link.rel: link.href for link in feed.feed.links}
    assert rels == {"self": INFO.url, "alternate": INFO.page}
    assert feed.feed.updated_parsed[:3] == (2020, 3, 1)
    assert [e.id for e in feed.entries] == ["http://wortlaut.test/zitate/a",
                                           "http://wortlaut.test/zitate/b"]


def test_entry_carries_text_author_links_date_and_topics() -> None:
    entry = parsed([quote()]).entries[0]
    assert entry.title == "Kai Klose: „Integration braucht klare Worte.“"
    assert entry.author == "Kai Klose"
    assert entry.content[0].type == "text/plain"
    assert entry.content[0].value == "Integration braucht klare Worte."
    links = {link.rel: link.href for link in entry.links}
    assert links == {"alternate": "http://wortlaut.test/zitate/q1",
                     "related": "http://wortlaut.test/mitteilungen/r1#zitat-q1",
                     "via": "https://example.org/pm"}
    assert entry.published_parsed[:3] == (2018, 6, 14)
    assert entry.updated == entry.published
    assert [t.term for t in entry.tags] == ["Migration und Integration"]


def test_markup_in_a_quote_stays_escaped_text() -> None:
    hostile = "Wir sagen <script>alert('x')</script> & <img src=x onerror=alert(1)> Nein"
    body = build_feed(INFO, [quote(text=hostile, speaker=SpeakerRef(
        id="eve", name="Eve <b>Evil</b>"), source_url="javascript:alert(1)")], LINKS)
    assert b"<script>" not in body and b"<img" not in body and b"<b>" not in body
    assert b"&lt;script&gt;" in body and b"javascript:" not in body
    entry = parsed([quote(text=hostile)]).entries[0]
    assert entry.content[0].type == "text/plain" and entry.content[0].value == hostile


def test_undated_quotes_and_control_characters() -> None:
    undated = quote(id="u", date=None, date_precision=None, speaker=None,
                    publisher=None, text="Bericht\x00 mit\x07 Steuerzeichen")
    assert quote_date(undated) == UNDATED
    feed = parsed([undated])
    entry = feed.entries[0]
    assert entry.content[0].value == "Bericht mit Steuerzeichen"
    assert entry.author == "unbekannt" and entry.published_parsed[:3] == (1970, 1, 1)
    assert feed.feed.updated_parsed[:3] == (1970, 1, 1)
    assert parsed([]).feed.updated_parsed[:3] == (1970, 1, 1)


def test_dates_of_every_precision() -> None:
    assert quote_date(quote(date="2018")) == datetime(2018, 1, 1, tzinfo=UTC)
    assert quote_date(quote(date="2018-06")) == datetime(2018, 6, 1, tzinfo=UTC)
    assert quote_date(quote(date="2018-06-14T10:30:00Z")) == datetime(
        2018, 6, 14, 10, 30, tzinfo=UTC)


def test_entry_title_cuts_long_quotes_at_a_word() -> None:
    title = entry_title(quote(text="Wort " * 40, speaker=None, publisher="Senat"))
    assert title.startswith("Senat: „Wort Wort") and title.endswith(" …“")
    assert len(title) < 100


def test_the_feed_of_the_same_quotes_is_the_same() -> None:
    quotes = [quote(id="a"), quote(id="b", date=None)]
    assert build_feed(INFO, quotes, LINKS) == build_feed(INFO, quotes, LINKS)


def test_search_title_names_text_and_filters() -> None:
    assert search_title(QuoteSearch()) == "Neueste Zitate"
    title = search_title(QuoteSearch(q="Integration", speaker=("Kai Klose",), kind=("direct",),
                                     year=(2018,)))
    assert title == ("Zitate zu „Integration“ · Person: Kai Klose · Art: wörtlich · "
                     "Jahr: 2018")
