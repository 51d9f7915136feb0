"""Atom feeds on the real node: a search's and a speaker's newest quotes, read with feedparser."""

from __future__ import annotations

import dataclasses
import time
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser
from flask.testing import FlaskClient

from search_service.indices import IndexNames
from search_service.settings import Settings
from tests.hostile import MARK
from web.app import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.get_data())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def newest_first(entries: list[Any]) -> bool:
    dates = [time.mktime(e.published_parsed) for e in entries]
    return dates == sorted(dates, reverse=True)


def test_search_feed_has_the_newest_quotes_with_stable_ids(client: FlaskClient) -> None:
    first = feed(client, "/feeds/zitate.atom?q=Integration")
    assert first.entries and newest_first(first.entries)
    ids = [e.id for e in first.entries]
    assert len(set(ids)) == len(ids) and all("/zitate/" in i for i in ids)
    assert [e.id for e in feed(client, "/feeds/zitate.atom?q=Integration").entries] == ids
    # sort and page are the page's business: the feed is always the newest quotes
    again = feed(client, "/feeds/zitate.atom?q=Integration&sort=oldest&page=2&per_page=3")
    assert [e.id for e in again.entries] == ids
    assert first.feed.id.endswith("/feeds/zitate.atom?q=Integration")
    assert "Integration" in first.feed.title
    entry = first.entries[0]
    assert entry.author and entry.content[0].type == "text/plain"
    rels = {link.rel: link.href for link in entry.links}
    assert rels["alternate"] == entry.id
    assert "/mitteilungen/" in rels["related"] and "#zitat-" in rels["related"]


def test_search_feed_applies_the_filters(client: FlaskClient) -> None:
    ebert = feed(client, "/feeds/zitate.atom?speaker=Frank+Ebert")
    total = client.get("/api/v1/quotes?speaker=Frank+Ebert").get_json()["total"]
    assert len(ebert.entries) == total
    assert {e.author for e in ebert.entries} == {"Frank Ebert"}
    assert "Person: Frank Ebert" in ebert.feed.title


def test_speaker_feed(client: FlaskClient) -> None:
    klose = feed(client, "/feeds/sprecher/kai-klose.atom")
    assert len(klose.entries) == 5 and {e.author for e in klose.entries} == {"Kai Klose"}
    assert newest_first(klose.entries)
    assert klose.feed.title == "Wortlaut: Zitate von Kai Klose"
    ebert = feed(client, "/feeds/sprecher/frank-ebert.atom")
    assert newest_first(ebert.entries)
    assert ebert.feed.updated_parsed == ebert.entries[0].published_parsed
    missing = client.get("/feeds/sprecher/nobody.atom")
    assert missing.status_code == 404


def test_bad_feed_arguments_are_a_400_that_says_why(client: FlaskClient) -> None:
    for url, field in (("/feeds/zitate.atom?sort=loudest", "sort"),
                       ("/feeds/zitate.atom?year=abc", "year"),
                       ("/feeds/zitate.atom?date_from=2020-02-01&date_to=2020-01-01",
                        "date_to")):
        response = client.get(url)
        assert response.status_code == 400, url
        assert field in response.get_data(as_text=True) or "Datum" in response.get_data(
            as_text=True)


def test_pages_announce_their_feeds(client: FlaskClient) -> None:
    page = client.get("/?q=Integration&speaker=Kai+Klose&page=1").get_data(as_text=True)
    links = [line for line in page.splitlines() if 'type="application/atom+xml"' in line]
    assert any('rel="alternate"' in line for line in links)
    assert "Als Feed abonnieren" in page
    href = next(line for line in links if "<a " in line).split('href="')[1].split('"')[0]
    url = urlsplit(href.replace("&amp;", "&"))
    assert url.path == "/feeds/zitate.atom"
    assert parse_qs(url.query) == {"q": ["Integration"], "speaker": ["Kai Klose"]}
    speaker = client.get("/sprecher/kai-klose").get_data(as_text=True)
    assert 'href="/feeds/sprecher/kai-klose.atom"' in speaker
    assert 'rel="alternate" type="application/atom+xml"' in speaker
    assert "Als Feed abonnieren" in speaker


def test_hostile_quotes_stay_text_in_the_feed(settings: Settings,
                                              hostile_corpus: IndexNames) -> None:
    app = create_app(dataclasses.replace(settings, index_prefix=hostile_corpus.prefix))
    client = app.test_client()
    for url in ("/feeds/zitate.atom?q=Giftspritze", "/feeds/zitate.atom"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_data()
        root = ET.fromstring(body)
        tags = {element.tag.removeprefix(ATOM) for element in root.iter()}
        assert not tags & {"script", "img", "svg", "iframe", "b"}, tags
        assert b"<script" not in body and b"<img" not in body
        parsed = feedparser.parse(body)
        assert not parsed.bozo
        hostile = [e for e in parsed.entries if MARK in e.content[0].value]
        assert hostile
        for entry in hostile:
            assert entry.content[0].type == "text/plain"  # shown as text, never as markup
            assert "onerror=alert(" in entry.content[0].value  # kept as printed, as text
    # the other new pages show the same records inert
    for url in ("/sprecher?q=eve", "/mitteilungen?q=Giftspritze", "/?q=Giftspritze"):
        page = client.get(url).get_data(as_text=True)
        assert MARK in page and "<img src=x" not in page and "<script>alert" not in page
        assert "&lt;img src=x" in page or "&lt;script&gt;" in page
