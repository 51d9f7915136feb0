"""The argument rules of the API (flask-smorest + web.schemas.requests.Parser) and of the
HTML pages (parse_args), without Elasticsearch: a probe blueprint echoes what it got."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from search_service.errors import SearchInputError
from search_service.limits import LIMITS
from search_service.request import QuoteSearch
from search_service.verification import VerifyRequest
from web.errors import register_error_handlers
from web.openapi import ApiBlueprint, init_api
from web.schemas import QuoteSearchArgs, parse_args
from web.schemas.verify import VerifyRequestSchema


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    probe = ApiBlueprint("probe", __name__, url_prefix="/api/v1")

    @probe.get("/probe")
    @probe.arguments(QuoteSearchArgs, location="query")
    def search(query: QuoteSearch) -> Any:
        return {"speaker": list(query.speaker), "q": query.q, "page": query.page,
                "date_from": str(query.date_from)}

    @probe.post("/probe")
    @probe.arguments(VerifyRequestSchema)
    def claim(request: VerifyRequest) -> Any:
        return {"text": request.text}

    app = Flask(__name__)
    init_api(app, [probe])
    register_error_handlers(app)
    return app.test_client()


def test_lists_repeat_empty_values_are_absent_and_a_repeated_scalar_takes_the_last(
        client: FlaskClient) -> None:
    body = client.get("/api/v1/probe?speaker=A&speaker=&speaker=B&q=x&q=y&date_from=&page=")
    assert body.status_code == 200
    assert body.json == {"speaker": ["A", "B"], "q": "y", "page": 1, "date_from": "None"}


@pytest.mark.parametrize(("query", "field"), [
    ("colour=red", "colour"),
    ("per_page=" + str(LIMITS.per_page + 1), "per_page"),
    ("q=" + "x" * (LIMITS.query_length + 1), "q"),
    ("year=" + str(LIMITS.max_year + 1), "year"),
    ("year=zwanzig", "year"),
    ("date_from=2023-02-30", "date_from"),
    ("&".join(["topic=t"] * (LIMITS.filter_values + 1)), "topic"),
])
def test_a_bad_argument_is_a_400_naming_it(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/api/v1/probe?{query}")
    assert response.status_code == 400
    body = response.json
    assert body is not None and set(body) == {"error", "field", "message"}
    assert body["error"] == "invalid_request" and body["field"] == field and body["message"]


@pytest.mark.parametrize(("data", "content_type", "field"), [
    (b'{"text": "ab"}', "application/json", "text"),
    (b'{"text": "abc", "colour": 1}', "application/json", "colour"),
    (b"[]", "application/json", "body"),
    (b"{", "application/json", "body"),
    (b"[" * 100_000, "application/json", "body"),
    (b"text=hello", "application/x-www-form-urlencoded", "body"),
])
def test_a_bad_json_body_is_a_400_naming_the_field(client: FlaskClient, data: bytes,
                                                   content_type: str, field: str) -> None:
    response = client.post("/api/v1/probe", data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.json is not None and response.json["field"] == field
    assert client.post("/api/v1/probe", json={"text": " abc "}).json == {"text": "abc"}


def test_pages_ignore_unknown_arguments_with_the_same_rules() -> None:
    args = MultiDict([("speaker", "A"), ("speaker", "B"), ("utm_source", "x"),
                      ("date_from", ""), ("sort", "oldest"), ("sort", "newest")])
    search = parse_args(QuoteSearchArgs(), args, strict=False)
    assert search == QuoteSearch(speaker=("A", "B"), sort="newest")
    with pytest.raises(SearchInputError) as error:
        parse_args(QuoteSearchArgs(), MultiDict([("page", "0")]), strict=False)
    assert error.value.field == "page"
    with pytest.raises(SearchInputError):
        parse_args(QuoteSearchArgs(), args)


def test_the_document_shows_the_limits(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec is not None and spec["info"]["title"] == "Wortlaut API"
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/probe"]["get"]["parameters"]}
    assert parameters["per_page"]["schema"]["maximum"] == LIMITS.per_page
    assert parameters["speaker"]["schema"]["type"] == "array"
    responses = spec["paths"]["/api/v1/probe"]["get"]["responses"]
    assert "422" not in responses and "400" in responses
