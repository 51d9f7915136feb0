"""The web app's health endpoint and status page against the real node."""

from __future__ import annotations

import dataclasses
import socket

from search_service.indices import IndexNames
from search_service.settings import Settings
from web.app import create_app


def test_healthz_reports_the_node_and_indices(settings: Settings, names: IndexNames) -> None:
    app = create_app(dataclasses.replace(settings, index_prefix=names.prefix))
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["elasticsearch"] in {"green", "yellow"}
    assert {i["alias"] for i in body["indices"]} == {names.alias("releases"),
                                                     names.alias("quotes"),
                                                     names.alias("speakers")}


def test_unreachable_node_gives_503_with_a_message(settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    down = dataclasses.replace(settings, es_url=f"http://127.0.0.1:{port}", es_timeout=1.0)
    client = create_app(down).test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["elasticsearch"] == "unreachable"
    assert f"127.0.0.1:{port}" in response.get_json()["message"]
    page = client.get("/status")
    assert page.status_code == 503 and "unreachable" in page.get_data(as_text=True)
    search = client.get("/")
    assert search.status_code == 503 and f"127.0.0.1:{port}" in search.get_data(as_text=True)


def test_pages_carry_security_headers(settings: Settings) -> None:
    response = create_app(settings).test_client().get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                 "X-Frame-Options"):
        assert len(response.headers.getlist(name)) == 1, name
