"""The release search page (/mitteilungen) on the real node: hits, facets, filters, paging."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def html(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def hits(page: str) -> list[str]:
    return re.findall(r'<h3 id="m-([^"]+)" class="release-title">', page)


def test_release_search_shows_hits_with_marks_and_facets(client: FlaskClient) -> None:
    page = html(client, "/mitteilungen?q=Integrationsplan")
    found = client.get("/api/v1/releases?q=Integrationsplan").get_json()
    assert found["total"] > 0
    assert hits(page) == [item["id"] for item in found["items"]]
    assert f"{found['total']} Mitteilung" in page and "für „Integrationsplan“" in page
    assert "<mark>Integrationsplan" in page
    assert f'href="/mitteilungen/{found["items"][0]["id"]}"' in page
    broad = html(client, "/mitteilungen?q=Integration")
    assert len(hits(broad)) > 1
    assert re.search(r'<input type="checkbox" name="publisher" value="[^"]+"', broad)
    assert 'name="year"' in broad and 'name="topic"' in broad
    assert 'name="speaker"' not in broad  # releases have no speaker facet
    assert "Zitate markiert" in page  # the number of quotes a hit has


def test_publisher_filter_narrows_and_keeps_other_publishers(client: FlaskClient) -> None:
    everything = client.get("/api/v1/releases?per_page=100").get_json()
    publishers = {v["value"]: v["count"] for v in everything["facets"]["publisher"]}
    assert len(publishers) > 1
    chosen = max(publishers, key=lambda name: publishers[name])
    page = html(client, f"/mitteilungen?publisher={chosen}&per_page=100")
    shown = hits(page)
    assert len(shown) == publishers[chosen] < everything["total"]
    assert re.search(rf'name="publisher" value="{re.escape(chosen)}" checked', page)
    others = [p for p in publishers if p != chosen]
    assert re.search(rf'name="publisher" value="{re.escape(others[0])}"\s*>', page)


def test_release_search_paging_and_bad_input(client: FlaskClient) -> None:
    first = html(client, "/mitteilungen?per_page=2")
    assert "Seite 1 von" in first and 'rel="next"' in first
    assert 'href="/mitteilungen?per_page=2&amp;page=2"' in first
    second = html(client, "/mitteilungen?per_page=2&page=2")
    assert 'rel="prev"' in second and set(hits(first)).isdisjoint(hits(second))
    bad = html(client, "/mitteilungen?sort=loudest", status=400)
    assert 'role="alert"' in bad and "sort" in bad
    empty = html(client, "/mitteilungen?q=Quarkstrudelbrettspiel")
    assert "Keine Mitteilungen gefunden" in empty


def test_release_titles_stay_escaped_and_the_release_page_stays(client: FlaskClient) -> None:
    page = html(client, "/mitteilungen?q=Integrationsgipfel")
    assert "&lt;b&gt;fett&lt;/b&gt;" in page and "<b>fett</b>" not in page
    release_id = hits(page)[0]
    assert "Zitate dieser Mitteilung" in html(client, f"/mitteilungen/{release_id}")
    nav = html(client, "/")
    assert 'href="/mitteilungen"' in nav and 'href="/sprecher"' in nav
