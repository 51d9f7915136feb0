"""The HTML pages on the real node: search, quote, release, speaker; escaping."""

from __future__ import annotations

import json
import re

from flask.testing import FlaskClient


def html(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def first_quote_id(client: FlaskClient, query: str) -> str:
    return str(client.get(f"/api/v1/quotes?q={query}").get_json()["items"][0]["id"])


def test_search_page_shows_results_facets_and_counts(client: FlaskClient) -> None:
    page = html(client, "/?q=Integrationsplan")
    assert "Zitate für „Integrationsplan“" in page
    assert re.search(r'name="speaker" value="Kai Klose"\s*>\s*Kai Klose <span class="count">'
                     r"[45]</span>", page)
    assert "<mark>Integrationsplan</mark>" in page
    assert "undatiert" in page and "Staatssekretär" in page
    assert 'role="search"' in page and '<label for="q">' in page
    assert 'href="/sprecher/kai-klose"' in page and "/mitteilungen/" in page


def test_search_page_selected_facet_and_pagination(client: FlaskClient) -> None:
    page = html(client, "/?speaker=Frank+Ebert&per_page=3")
    assert re.search(r'value="Frank Ebert" checked', page)
    assert re.search(r'value="Kai Klose"\s*>', page)  # other speakers stay, unchecked
    assert "Seite 1 von 4" in page and 'rel="next"' in page
    last = html(client, "/?speaker=Frank+Ebert&per_page=3&page=4")
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_search_page_empty_state_and_bad_input(client: FlaskClient) -> None:
    page = html(client, "/?q=Quarkstrudelbrettspiel")
    assert "Keine Zitate gefunden" in page and "Anführungszeichen" in page
    bad = html(client, "/?sort=loudest", status=400)
    assert "sort" in bad and 'role="alert"' in bad


def test_markup_in_sources_renders_inert(client: FlaskClient) -> None:
    pages = [html(client, "/?q=klare+Worte")]
    quote_id = first_quote_id(client, "klare+Worte")
    quote = client.get(f"/api/v1/quotes/{quote_id}").get_json()
    pages.append(html(client, f"/zitate/{quote_id}"))
    pages.append(html(client, f"/mitteilungen/{quote['release_id']}"))
    pages.append(html(client, f"/sprecher/{quote['speaker']['id']}"))
    for page in pages:
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<b>fett</b>" not in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in pages[2]


def test_quote_page(client: FlaskClient) -> None:
    quote_id = first_quote_id(client, "%22starkes+Signal%22+Vielfalt")
    page = html(client, f"/zitate/{quote_id}")
    quote = client.get(f"/api/v1/quotes/{quote_id}").get_json()
    assert f'/mitteilungen/{quote["release_id"]}#zitat-{quote_id}' in page
    assert "<mark>" + quote["text"] + "</mark>" in page  # marked inside its paragraph
    assert "Staatssekretär" in page and "undatiert" in page
    assert "Zitierhinweis" in page and "Kai Klose (Staatssekretär): „dass das Bekenntnis" in page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert ld is not None
    data = json.loads(ld.group(1))
    assert data["@type"] == "Quotation" and data["text"] == quote["text"]
    assert data["creator"]["name"] == "Kai Klose"
    assert "Ähnlich formuliert" in page


def test_release_page_marks_quotes_in_place(client: FlaskClient) -> None:
    quote_id = first_quote_id(client, "Integrationsplans")
    release_id = client.get(f"/api/v1/quotes/{quote_id}").get_json()["release_id"]
    page = html(client, f"/mitteilungen/{release_id}")
    assert "<h1 id=\"titel\">Fünfte Hessische Integrationskonferenz</h1>" in page
    assert page.count('class="marked-quote"') >= 5
    assert f'id="zitat-{quote_id}"' in page


def test_speaker_page(client: FlaskClient) -> None:
    klose = html(client, "/sprecher/kai-klose")
    assert "<h1 id=\"name\">Kai Klose</h1>" in klose
    assert "„Kose“ – 1-mal gedruckt" in klose
    assert "alle 5 Zitate sind undatiert" in klose
    ebert = html(client, "/sprecher/frank-ebert")
    assert "<svg" in ebert and "<rect" in ebert and "März 2023: 11" in ebert
    html(client, "/sprecher/nobody", status=404)
    html(client, "/zitate/nope", status=404)


def test_status_page_and_healthz(client: FlaskClient) -> None:
    assert "Datenbestand" in html(client, "/status")
    assert client.get("/healthz").get_json()["status"] == "ok"
