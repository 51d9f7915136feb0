"""Hostile HTTP input: query syntax abuse is rejected or bounded, fast; oversized and
malformed bodies are refused; every response carries the security headers."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_service.limits import LIMITS
from search_service.settings import Settings
from tests.reliability.conftest import FIGURES
from web.app import create_app

FAST = 3.0  # seconds any abusive request may take, on this small corpus and a busy CI box


@pytest.fixture()
def client(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


def _get(client: FlaskClient, url: str, **kwargs: Any) -> Any:
    started = time.monotonic()
    response = client.get(url, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < FAST, f"{url[:80]} took {elapsed:.1f} s"
    FIGURES["requests sent"] += 1
    FIGURES["hostile requests"] += 1
    FIGURES["errors seen"] += response.status_code >= 500
    assert response.status_code < 500, (url[:200], response.get_data(as_text=True)[:300])
    return response


BOMBS = [
    "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*u*v*w*x*y*z*" * 9,
    "/.*.*.*.*.*.*.*.*.*.*/ " * 20,
    "(" * 250 + ")" * 250,
    "[a-z]+{1,99999} " * 25,
    "*?" * 250,
    '"' * LIMITS.query_length,
    "„" * LIMITS.query_length,
    "-" * LIMITS.query_length,
    "OR " * 166,
    "AND NOT OR ~ ^ : \\ / ! { } [ ] " * 15,
    "Integrations" * 41,
    "x~999999 " * 50,
    "field:value _exists_:id title:* " * 15,
    "\u0000\u202e\ufeff\ud7ff" * 100,
    " ".join(["Wort"] * 250),
    '"' + " ".join(["Signal"] * 200) + '"',
]


@pytest.mark.parametrize("where", ["/api/v1/quotes", "/api/v1/releases", "/"])
def test_query_bombs_within_the_length_limit_are_answered_quickly(client: FlaskClient,
                                                                   where: str) -> None:
    for bomb in BOMBS:
        response = _get(client, where, query_string={"q": bomb[:LIMITS.query_length]})
        assert response.status_code == 200, bomb[:40]


@pytest.mark.parametrize("where", ["/api/v1/quotes", "/api/v1/releases",
                                   "/api/v1/quotes/export.csv", "/"])
def test_oversized_queries_and_floods_are_rejected_with_400(client: FlaskClient,
                                                            where: str) -> None:
    floods: list[tuple[str, Any]] = [
        ("q", {"q": "x" * (LIMITS.query_length + 1)}),
        ("q", {"q": "Integration " * 100_000}),  # 1.2 MB of query string
        ("page", {"page": LIMITS.result_window + 1}),
        ("page", {"page": 10**30}),
        ("page", {"page": -1}),
        ("page", {"page": "1e9"}),
        ("page", {"page": str(LIMITS.result_window // 20 + 1), "per_page": "20"}),
        ("per_page", {"per_page": 10_000}),
        ("topic", {"topic": [f"Thema {i}" for i in range(LIMITS.filter_values + 1)]}),
        ("topic", {"topic": ["x" * 10_000]}),
        ("publisher", {"publisher": ["p"] * 5_000}),
        ("year", {"year": ["99999"]}),
        ("year", {"year": [str(2000 + i % 50) for i in range(500)]}),
        ("date_from", {"date_from": "0000-00-00"}),
        ("date_to", {"date_from": "2020-01-02", "date_to": "2020-01-01"}),
        ("sort", {"sort": "_script"}),
        ("undated", {"undated": "<script>"}),
    ]
    if "releases" not in where:
        floods += [
            ("speaker", {"speaker": [f"Person {i}" for i in range(500)]}),
            ("speaker", {"speaker": ["Eve"] * (LIMITS.filter_values + 1)}),
            ("kind", {"kind": ["direct", "<img src=x>"]}),
        ]
    for field, args in floods:
        response = _get(client, where, query_string=args)
        assert response.status_code == 400, (field, response.status_code)
        if where.startswith("/api/"):
            assert response.json["error"] == "invalid_request"
            assert response.json["field"] == field, (args, response.json)
        else:
            assert "Ungültige Eingabe" in response.get_data(as_text=True)


def test_the_deepest_allowed_page_is_bounded_and_answers(client: FlaskClient) -> None:
    last = LIMITS.result_window // 100
    response = _get(client, "/api/v1/quotes", query_string={"page": last, "per_page": 100})
    assert response.status_code == 200 and response.json["items"] == []
    export = _get(client, "/api/v1/quotes/export.json")
    assert export.status_code == 200 and len(export.json) <= 5_000


def test_unknown_parameters_and_methods_are_rejected(client: FlaskClient) -> None:
    assert _get(client, "/api/v1/quotes?script=1").status_code == 400
    assert _get(client, "/api/v1/quotes?q=a&q=b&q=" + "c" * 600).status_code == 400


@pytest.mark.parametrize("body", [
    b"{" * 100_000,
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b"\xff\xfe\x00garbage",
    b'{"text": "' + b"x" * 6_000 + b'"}',
    b'{"text": 12345}',
    b'{"text": null, "speaker": {"$ne": 1}}',
    b'{"text": "abc", "date": "9999-99-99/0000-00-00"}',
    b"[]",
    b'"just a string"',
])
@pytest.mark.parametrize("where", ["/api/v1/verify", "/api/v1/verify/claimreview"])
def test_malformed_verify_bodies_are_400(client: FlaskClient, where: str, body: bytes) -> None:
    started = time.monotonic()
    response = client.post(where, data=body, content_type="application/json")
    FIGURES["requests sent"] += 1
    FIGURES["hostile requests"] += 1
    FIGURES["errors seen"] += response.status_code >= 500
    assert time.monotonic() - started < FAST
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.json["error"] == "invalid_request"


def test_an_oversized_request_body_is_refused_before_it_is_read(client: FlaskClient) -> None:
    big = b'{"text": "' + b"x" * (3 * 2**20) + b'"}'
    for where in ("/api/v1/verify", "/pruefen"):
        response = client.post(where, data=big, content_type="application/json")
        FIGURES["requests sent"] += 1
        assert response.status_code == 413
    assert client.post("/api/v1/verify", data=big,
                       content_type="application/json").json["error"] == "too_large"


# -- response headers on every route, errors and static files included -------------------

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def check_headers(response: Any, what: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        name, _, value = part.partition(" ")
        directives[name] = value
    assert directives.get("script-src") == "'self'", (what, csp)  # no inline script
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert directives.get("frame-ancestors") == "'none'", what
    assert directives.get("object-src") == "'none'", what
    assert directives.get("base-uri") == "'none'", what
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (what, name)
    FIGURES["requests sent"] += 1


def _urls(app: Flask, ids: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        values = {arg: ids.get(arg, "nope") for arg in rule.arguments}
        if rule.endpoint == "static":
            values = {"filename": "wortlaut.css"}
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, _build(app, rule.endpoint, values)))
    return found


def _build(app: Flask, endpoint: str, values: dict[str, str]) -> str:
    with app.test_request_context():
        from flask import url_for
        return url_for(endpoint, **values)


def test_every_route_sends_the_security_headers(hostile_app: Flask, client: FlaskClient) -> None:
    hit = client.get("/api/v1/quotes?q=Giftspritze").json["items"][0]
    ids = {"quote_id": hit["id"], "release_id": hit["release_id"],
           "speaker_id": hit["speaker"]["id"] if hit["speaker"] else "nope"}
    seen = set()
    for method, url in _urls(hostile_app, ids):
        if method == "POST":
            response = client.post(url, json={"text": "deutlich Nein zur Giftspritze"})
        else:
            response = client.get(url)
        check_headers(response, f"{method} {url}")
        seen.add(response.status_code)
        response.close()
    for url in ("/no/such/page", "/api/v1/nope", "/zitate/nope", "/api/v1/quotes?sort=x",
                "/static/nope.js", "/static/search.js", "/static/copy.js"):
        check_headers(client.get(url), url)
    check_headers(client.delete("/api/v1/quotes"), "DELETE /api/v1/quotes")
    assert 200 in seen


def test_headers_also_on_503_and_500(settings: Settings) -> None:
    from dataclasses import replace

    app = create_app(replace(settings, es_url="http://127.0.0.1:9"))  # nothing listens

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("a bug")

    client = app.test_client()
    unavailable = client.get("/api/v1/quotes")
    assert unavailable.status_code == 503
    check_headers(unavailable, "503")
    failed = client.get("/boom")
    assert failed.status_code == 500 and "a bug" not in failed.get_data(as_text=True)
    check_headers(failed, "500")
