"""Per-client rate limits (Flask-Limiter) on the real app: the expensive endpoints run out
first, the answer is 429 with Retry-After, and other clients are still served."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_service.indices import IndexNames
from search_service.settings import DEFAULT_RATE_LIMITS, Settings, parse_rate_limits
from web.app import create_app

SCRIPT = {"REMOTE_ADDR": "10.0.0.1"}
PERSON = {"REMOTE_ADDR": "10.0.0.2"}
CLAIM = {"text": "In Hessen richtet sich Integrationspolitik an alle Menschen"}


def _app(settings: Settings, corpus: IndexNames, limits: str = "") -> Flask:
    return create_app(dataclasses.replace(
        settings, index_prefix=corpus.prefix,
        rate_limits=tuple(parse_rate_limits(limits).items())))


@pytest.fixture()
def limited(settings: Settings, corpus: IndexNames) -> FlaskClient:
    return _app(settings, corpus).test_client()  # the defaults a deployment gets


def test_a_script_verifying_300_times_in_a_row_meets_429(limited: FlaskClient) -> None:
    statuses = [limited.post("/api/v1/verify", json=CLAIM, environ_base=SCRIPT).status_code
                for _ in range(300)]
    allowed = int(DEFAULT_RATE_LIMITS["verify"].split("/")[0])
    assert statuses[:allowed] == [200] * allowed
    assert set(statuses[allowed:]) == {429}

    refused = limited.post("/api/v1/verify", json=CLAIM, environ_base=SCRIPT)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    body = refused.get_json()
    assert body["error"] == "rate_limited" and body["field"] is None
    assert "60" in body["message"], body

    # The same client may still search (another budget), another client may verify.
    assert limited.get("/api/v1/quotes?q=Integration", environ_base=SCRIPT).status_code == 200
    assert limited.post("/api/v1/verify", json=CLAIM, environ_base=PERSON).status_code == 200


def test_the_verification_page_shares_the_budget_and_its_form_is_free(
        settings: Settings, corpus: IndexNames) -> None:
    client = _app(settings, corpus, "verify=2/minute").test_client()
    assert client.post("/api/v1/verify", json=CLAIM, environ_base=SCRIPT).status_code == 200
    assert client.post("/pruefen", data=CLAIM, environ_base=SCRIPT).status_code == 200
    page = client.post("/pruefen", data=CLAIM, environ_base=SCRIPT)
    assert page.status_code == 429
    assert page.mimetype == "text/html" and "Retry-After" in page.headers
    assert client.get("/pruefen", environ_base=SCRIPT).status_code == 200  # the empty form


def test_limits_are_configurable_per_group(settings: Settings, corpus: IndexNames) -> None:
    client = _app(settings, corpus, "export=2/minute,search=3/minute").test_client()
    exports = [client.get("/api/v1/quotes/export.csv?q=Integration",
                          environ_base=SCRIPT).status_code for _ in range(3)]
    assert exports == [200, 200, 429]
    searches = [client.get(path, environ_base=SCRIPT).status_code
                for path in ("/", "/api/v1/quotes", "/api/v1/releases", "/sprecher")]
    assert searches == [200, 200, 200, 429]  # pages and API reads share one budget
    assert client.get("/healthz", environ_base=SCRIPT).status_code == 200  # never limited
    assert client.get("/static/wortlaut.css", environ_base=SCRIPT).status_code == 200


def test_off_turns_rate_limiting_off(settings: Settings, corpus: IndexNames) -> None:
    client = _app(settings, corpus, "off").test_client()
    statuses = {client.get("/api/v1/quotes/export.json", environ_base=SCRIPT).status_code
                for _ in range(40)}
    assert statuses == {200}


def test_behind_a_proxy_each_forwarded_client_has_its_own_budget(
        settings: Settings, corpus: IndexNames) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.9"}  # every request arrives from the proxy
    plain = _app(settings, corpus, "verify=1/minute").test_client()
    behind = create_app(dataclasses.replace(
        settings, index_prefix=corpus.prefix, proxies=1,
        rate_limits=tuple(parse_rate_limits("verify=1/minute").items()))).test_client()

    def verify(client: FlaskClient, forwarded_for: str) -> int:
        return client.post("/api/v1/verify", json=CLAIM, environ_base=proxy,
                           headers={"X-Forwarded-For": forwarded_for}).status_code

    # Without WORTLAUT_PROXIES the header is not trusted: one budget for everyone.
    assert [verify(plain, "203.0.113.1"), verify(plain, "203.0.113.2")] == [200, 429]
    # With it, each client behind the proxy counts for itself; a client cannot slip past
    # its budget by prepending addresses of its own (only the proxy's last entry counts).
    assert [verify(behind, "203.0.113.1"), verify(behind, "203.0.113.2")] == [200, 200]
    assert verify(behind, "198.51.100.7, 203.0.113.1") == 429
