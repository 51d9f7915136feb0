"""POST /api/v1/verify, its ClaimReview export and the /pruefen page, on the real node."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from flask.testing import FlaskClient

from indexer.run import index_sources
from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, delete_all
from search_service.settings import Settings
from tests.conftest import FIXTURES
from web.app import create_app

FRAGMENT = "In Hessen richtet sich Integrationspolitik an alle Menschen"


@pytest.fixture(scope="module")
def client(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
           ) -> Iterator[FlaskClient]:
    names = IndexNames(f"{settings.index_prefix}-verifyapi")
    assert index_sources([str(FIXTURES / "releases")], es, names, splitter).ok
    app = create_app(dataclasses.replace(settings, index_prefix=names.prefix))
    yield app.test_client()
    delete_all(es, names)


def test_verify_returns_verdict_matches_and_diff(client: FlaskClient) -> None:
    response = client.post("/api/v1/verify", json={
        "text": "In Hessen richtet sich Integrationspolitik an alle Bürger",
        "speaker": "Kai Klose"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["verdict"] == "altered"
    best = body["matches"][0]
    assert best["speaker"]["name"] == "Kai Klose" and best["verdict"] == "altered"
    assert best["changed"] == [{"op": "replace", "claimed": ["bürger"],
                                "original": ["menschen"]}]
    assert best["source_url"] is None and best["release_title"].startswith("Fünfte")
    start, end = best["context_span"]
    assert best["context"][start:end] == FRAGMENT
    assert best["finding"].startswith("Kai Klose sagte (undatiert): „In Hessen")


def test_a_match_shows_what_the_quote_itself_shows(client: FlaskClient) -> None:
    # Candidates arrive with only the fields a verification reads and shows
    # (CANDIDATE_FIELDS): every one the match shows is the quote's own.
    best = client.post("/api/v1/verify", json={"text": FRAGMENT}).get_json()["matches"][0]
    quote = client.get(f"/api/v1/quotes/{best['quote_id']}").get_json()
    assert best["quote"] == quote["text"] and best["context"] == quote["context"]
    assert best["speaker"] == {key: quote["speaker"][key] for key in best["speaker"]}
    assert set(best["speaker"]) == {"id", "name", "as_printed", "role", "organization"}
    assert best["speaker"]["role"]
    for key in ("kind", "date", "release_id", "release_title", "source_url"):
        assert best[key] == quote[key], key


def test_date_range_narrows_candidates(client: FlaskClient) -> None:
    body = client.post("/api/v1/verify", json={"text": FRAGMENT, "date": "2019"}).get_json()
    assert body["verdict"] == "not found"  # the seed is undated
    assert body["searched"]["date_from"] == "2019-01-01"
    assert body["searched"]["date_to"] == "2019-12-31"


@pytest.mark.parametrize(("payload", "field"), [
    ({"text": ""}, "text"),
    ({"text": "x" * 20_000}, "text"),
    ({}, "text"),
    ({"text": FRAGMENT, "date": "yesterday"}, "date"),
    ({"text": FRAGMENT, "date": "2019-12-31/2019-01-01"}, "date"),
    ({"text": FRAGMENT, "colour": "red"}, "colour"),
    (["not", "an", "object"], "body"),
])
def test_bad_input_is_a_400_naming_the_field(client: FlaskClient, payload: object,
                                              field: str) -> None:
    response = client.post("/api/v1/verify", json=payload)
    assert response.status_code == 400
    body = response.get_json()
    assert body["field"] == field and body["message"]


def test_non_json_body_is_a_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/verify", data="text=hello",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.get_json()["field"] == "body"


def test_claimreview_export(client: FlaskClient) -> None:
    response = client.post("/api/v1/verify/claimreview", json={"text": FRAGMENT,
                                                               "speaker": "Esther Walter"})
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    review = json.loads(response.get_data(as_text=True))
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "different speaker"
    assert review["itemReviewed"]["appearance"][0]["author"]["name"] == "Kai Klose"


def test_openapi_documents_verify(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "post" in spec["paths"]["/api/v1/verify"]
    assert "VerifyRequest" in json.dumps(spec["components"]["schemas"])


def test_page_shows_verdict_and_diff(client: FlaskClient) -> None:
    page = client.post("/pruefen", data={
        "text": "„In Hessen richtet sich Integrationspolitik an alle Bürger“",
        "speaker": "", "date": ""})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ergebnis: Verändert wiedergegeben" in html
    assert '<del title="im Original">menschen</del> <ins title="in der Behauptung">bürger</ins>' \
        in html
    assert "<mark>In Hessen richtet sich Integrationspolitik an alle Menschen</mark>" in html


def test_page_escapes_the_claim_and_reports_bad_input(client: FlaskClient) -> None:
    page = client.post("/pruefen", data={"text": "<script>alert(1)</script> hallo welt"})
    html = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    short = client.post("/pruefen", data={"text": "a"})
    assert short.status_code == 400 and "Bitte prüfen Sie die Eingabe" in short.get_data(
        as_text=True)


def test_unreachable_node_is_a_503(settings: Settings) -> None:
    down = dataclasses.replace(settings, es_url="http://127.0.0.1:9", es_timeout=1.0)
    response = create_app(down).test_client().post("/api/v1/verify", json={"text": FRAGMENT})
    assert response.status_code == 503
    assert "127.0.0.1:9" in response.get_json()["message"]
