"""The /api/v1 JSON API on the real node: responses, exports, OpenAPI, 400/404/503."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import socket

import pytest
from flask.testing import FlaskClient

from search_service.settings import Settings
from web.app import create_app


def test_quote_search_response_shape(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes?q=Integrationsplans&per_page=2")
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 4 and body["page"] == 1 and body["per_page"] == 2
    assert len(body["items"]) == 2
    assert set(body["facets"]) == {"speaker", "topic", "keyword", "publisher", "kind", "year"}
    # The category line "Integration" is kept as the keyword; the topic is the vocabulary's.
    assert body["facets"]["topic"] == [
        {"value": "Migration und Integration", "count": body["total"], "selected": False}]
    assert body["facets"]["keyword"] == [
        {"value": "Integration", "count": body["total"], "selected": False}]
    assert body["facets"]["speaker"] == [
        {"value": "Kai Klose", "count": 4, "selected": False, "id": "kai-klose"}]
    item = body["items"][0]
    assert item["speaker"]["name"] == "Kai Klose" and "<mark>" in item["highlight"]["text"]


def test_facet_selection_in_the_api(client: FlaskClient) -> None:
    body = client.get("/api/v1/quotes?speaker=Frank+Ebert&speaker=Kai+Klose").get_json()
    speakers = {v["value"]: v for v in body["facets"]["speaker"]}
    assert speakers["Frank Ebert"]["selected"] and speakers["Kai Klose"]["selected"]
    assert not speakers["Jen Psaki"]["selected"] and speakers["Jen Psaki"]["count"] > 0
    assert body["total"] == speakers["Frank Ebert"]["count"] + speakers["Kai Klose"]["count"]


def test_quote_release_similar_and_speaker_endpoints(client: FlaskClient) -> None:
    first = client.get("/api/v1/quotes?q=Integrationsplans").get_json()["items"][0]
    quote = client.get(f"/api/v1/quotes/{first['id']}").get_json()
    assert quote["text"] == first["text"] and quote["context"]
    assert quote["release_title"] == "Fünfte Hessische Integrationskonferenz"
    release = client.get(f"/api/v1/releases/{quote['release_id']}").get_json()
    assert release["body"][quote["start"]:quote["end"]] == quote["text"]
    assert len(release["quotes"]) == 5
    similar = client.get(f"/api/v1/quotes/{first['id']}/similar?size=3").get_json()
    assert 0 < len(similar["items"]) <= 3
    speakers = client.get("/api/v1/speakers?q=Klose").get_json()["items"]
    assert speakers[0]["id"] == "kai-klose" and speakers[0]["quote_count"] == 5
    klose = client.get("/api/v1/speakers/kai-klose").get_json()
    assert {"value": "Kose", "count": 1} in klose["aliases"]
    releases = client.get("/api/v1/releases?q=Mietergremien").get_json()
    assert releases["total"] == 1 and "facets" in releases


def test_json_never_carries_raw_markup(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes?q=klare+Worte")
    raw = response.get_data(as_text=True)
    assert "<script>" not in raw and "\\u003cscript\\u003e" in raw
    item = response.get_json()["items"][0]
    assert "<script>alert(1)</script>" in item["text"]  # the data is unchanged
    assert "&lt;script&gt;" in item["highlight"]["text"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_csv_export(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes/export.csv?q=Integrationsplans&speaker=Kai+Klose")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert "wortlaut-zitate-integrationsplans-kai-klose-" in disposition
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 4 and {r["speaker"] for r in rows} == {"Kai Klose"}


def test_json_export(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes/export.json?speaker=Frank+Ebert")
    items = json.loads(response.get_data(as_text=True))
    assert response.headers["Content-Disposition"].endswith('.json"')
    assert len(items) == 11 and all(i["speaker"]["name"] == "Frank Ebert" for i in items)
    assert {i["kind"] for i in items} == {"direct", "indirect"}


def test_openapi_document_and_docs_page(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/quotes", "/api/v1/quotes/{quote_id}", "/api/v1/releases/{release_id}",
            "/api/v1/speakers", "/api/v1/quotes/export.csv"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/v1/quotes"]["get"]["parameters"]}
    assert {"q", "speaker", "topic", "keyword", "publisher", "kind", "date_from", "date_to",
            "sort", "page", "per_page"} <= names
    assert "QuoteList" in spec["components"]["schemas"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "/api/v1/quotes/{quote_id}" in page.get_data(
        as_text=True)


@pytest.mark.parametrize(("query", "field"), [
    ("sort=loudest", "sort"),
    ("date_from=2023-02-30", "date_from"),
    ("date_from=2023-02-02&date_to=2023-02-01", "date_to"),
    ("page=0", "page"),
    ("page=101&per_page=100", "page"),
    ("per_page=500", "per_page"),
    ("kind=rumour", "kind"),
    ("year=zwanzig", "year"),
    ("undated=maybe", "undated"),
    ("q=" + "x" * 501, "q"),
    ("colour=red", "colour"),
])
def test_invalid_input_is_a_400_naming_the_field(client: FlaskClient, query: str,
                                                 field: str) -> None:
    for path in ("/api/v1/quotes", "/api/v1/quotes/export.csv"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        body = response.get_json()
        assert body["error"] == "invalid_request" and body["field"] == field
        assert body["message"]


def test_other_400s_and_404s(client: FlaskClient) -> None:
    assert client.get("/api/v1/speakers?size=0").get_json()["field"] == "size"
    assert client.get("/api/v1/releases?sort=x").status_code == 400
    assert client.get("/api/v1/quotes/x/similar?size=99").status_code == 400
    for path in ("/api/v1/quotes/nope", "/api/v1/releases/nope", "/api/v1/speakers/nobody",
                 "/api/v1/quotes/nope/similar", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404 and response.get_json()["error"] == "not_found"
    assert client.post("/api/v1/quotes").status_code == 405


@pytest.fixture()
def down_client(settings: Settings) -> FlaskClient:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = dataclasses.replace(settings, es_url=f"http://127.0.0.1:{port}", es_timeout=1.0)
    return create_app(down).test_client()


@pytest.mark.parametrize("path", [
    "/api/v1/quotes", "/api/v1/quotes/abc", "/api/v1/quotes/abc/similar", "/api/v1/releases",
    "/api/v1/releases/abc", "/api/v1/speakers", "/api/v1/speakers/abc",
    "/api/v1/quotes/export.csv", "/api/v1/quotes/export.json",
])
def test_unreachable_elasticsearch_is_a_503(down_client: FlaskClient, path: str) -> None:
    response = down_client.get(path)
    assert response.status_code == 503
    body = response.get_json()
    assert body["error"] == "service_unavailable" and "Elasticsearch" in body["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_unreachable_elasticsearch_on_pages(down_client: FlaskClient) -> None:
    for path in ("/", "/zitate/abc", "/mitteilungen/abc", "/sprecher/abc"):
        response = down_client.get(path)
        assert response.status_code == 503, path
        assert "Suche nicht verfügbar" in response.get_data(as_text=True)


def test_missing_indices_are_a_503_that_says_to_index(settings: Settings) -> None:
    empty = dataclasses.replace(settings, index_prefix=f"{settings.index_prefix}-none")
    response = create_app(empty).test_client().get("/api/v1/quotes")
    assert response.status_code == 503 and "wortlaut index" in response.get_json()["message"]
