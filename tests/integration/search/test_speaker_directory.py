"""The speaker directory on the real node: /sprecher, /api/v1/speakers?q= and the speaker
facet's name box on the search page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from search_service.request import SpeakerQuery
from search_service.search import Searcher
from search_service.speakers import find_speakers, get_speaker


def html(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def names(page: str) -> list[str]:
    return re.findall(r'<a class="speaker" href="/sprecher/[^"]+">([^<]+)</a>', page)


def found(searcher: Searcher, text: str) -> list[str]:
    return [s.name for s in find_speakers(searcher, SpeakerQuery(q=text)).items]


def test_prefix_of_first_or_last_name_finds_the_speaker(searcher: Searcher) -> None:
    for text in ("ste", "Stephan", "mach", "MACHU", "st ma", "stephan machulik"):
        assert found(searcher, text) == ["Stephan Machulik"], text
    for text in ("ülk", "radz", "Ülker Radziwill"):
        assert found(searcher, text) == ["Ülker Radziwill"], text
    assert found(searcher, "krause") == ["Sabine Krause"]  # indexed as its German stems
    assert found(searcher, "Kose") == ["Kai Klose"]  # a form the name was printed in
    assert found(searcher, "biden jr") == ["Joseph R. Biden, Jr."]
    assert found(searcher, "xq") == []


def test_directory_counts_match_the_quotes(searcher: Searcher) -> None:
    page = find_speakers(searcher, SpeakerQuery(size=100))
    counts = [s.quote_count for s in page.items]
    assert page.total == len(page.items) > 5 and counts == sorted(counts, reverse=True)
    for speaker in page.items[:3]:
        assert get_speaker(searcher, speaker.id).quote_count == speaker.quote_count
    ebert = page.items[0]
    assert ebert.name == "Frank Ebert" and ebert.roles and ebert.publishers


def test_directory_page_lists_most_quoted_first_with_roles_and_publishers(
        client: FlaskClient) -> None:
    page = html(client, "/sprecher")
    listed = names(page)
    assert listed[0] == "Frank Ebert" and "Kai Klose" in listed
    assert "Staatssekretär" in page
    assert "Hessisches Ministerium für Soziales und Integration" in page
    assert "5 Zitate" in page and 'href="/?speaker=Kai+Klose"' in page
    assert 'src="/static/speakers.js"' in page and "<script>" not in page


def test_directory_filters_by_name_and_pages(client: FlaskClient) -> None:
    page = html(client, "/sprecher?q=mach")
    assert names(page) == ["Stephan Machulik"] and "1 Person für „mach“" in page
    assert "Keine Person gefunden" in html(client, "/sprecher?q=xq")
    first = html(client, "/sprecher?size=2")
    assert "Seite 1 von" in first and 'href="/sprecher?size=2&amp;page=2"' in first
    second = html(client, "/sprecher?size=2&page=2")
    assert set(names(first)).isdisjoint(names(second))
    bad = html(client, "/sprecher?page=0", status=400)
    assert 'role="alert"' in bad and "page" in bad


def test_api_speakers_use_the_same_prefix_search_and_show_publishers(
        client: FlaskClient) -> None:
    items = client.get("/api/v1/speakers?q=radz").get_json()["items"]
    assert [i["name"] for i in items] == ["Ülker Radziwill"]
    assert items[0]["publishers"][0]["value"].startswith("Senatsverwaltung")
    assert items[0]["type"] == "person" and items[0]["quote_count"] == 2
    second = client.get("/api/v1/speakers?size=1&page=2").get_json()["items"]
    assert [i["name"] for i in second] == ["Jen Psaki"]


def test_speaker_facet_box_selects_speakers_beyond_the_top_values(client: FlaskClient) -> None:
    page = html(client, "/?q=Integration")
    assert 'name="speaker_name"' in page and 'href="/sprecher"' in page
    response = client.get("/?q=Integration&speaker=Kai+Klose&speaker_name=mach&page=3")
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert parse_qs(target.query) == {"q": ["Integration"],
                                      "speaker": ["Kai Klose", "Stephan Machulik"]}
    nobody = html(client, "/?q=Integration&speaker_name=xq")
    assert "Keine Person gefunden" in nobody and "&#34;" not in nobody.split("Keine")[1][:40]
