"""Access: the public app is read-only, binds to loopback by default, and no secret
is in the repository, the logs or an error message."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from flask import Flask

from search_service.client import connect
from search_service.errors import ElasticsearchUnavailable
from search_service.node.config import node_yaml
from search_service.settings import Settings
from tests.reliability.conftest import FIGURES
from tests.server_thread import running
from web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
# The only routes that accept a body: quote verification (reads, never writes).
POST_ROUTES = {"/api/v1/verify", "/api/v1/verify/claimreview", "/pruefen"}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture(scope="module")
def app(settings: Settings) -> Flask:
    return create_app(settings)


def test_no_route_writes_there_is_no_indexing_over_http(app: Flask) -> None:
    """Every route answers GET (or POST for verification, which only reads); there
    is no indexing or admin endpoint, so no write token exists to configure."""
    for rule in app.url_map.iter_rules():
        methods = (rule.methods or set()) - {"HEAD", "OPTIONS"}
        if rule.rule in POST_ROUTES:
            assert methods <= {"GET", "POST"}, rule.rule
        else:
            assert methods == {"GET"}, (rule.rule, methods)


def test_write_methods_on_api_routes_are_405(app: Flask) -> None:
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        url = re.sub(r"<(?:[a-z]+:)?[a-z_]+>", "some-id", rule.rule)
        for method in WRITE_METHODS:
            if method == "POST" and rule.rule in POST_ROUTES:
                continue
            response = client.open(url, method=method, json={"id": "x", "title": "neu"})
            assert response.status_code == 405, (method, url, response.status_code)
            if url.startswith("/api/"):
                assert response.json["error"] == "method_not_allowed"
            checked += 1
    assert checked > 40
    FIGURES["requests sent"] += checked
    FIGURES["hostile requests"] += checked


def test_app_and_local_node_bind_to_loopback_by_default(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    defaults = Settings.from_env({})
    assert defaults.web_host == "127.0.0.1" and defaults.web_port == 5000
    yaml = node_yaml(http_port=9200, transport_port=9300, data_dir=Path("/d"),
                     logs_dir=Path("/l"), snapshot_dir=Path("/s"))
    assert 'network.host: "127.0.0.1"' in yaml.splitlines()
    assert not any(line.startswith(("http.host", "transport.host", "network.bind_host",
                                    "network.publish_host")) for line in yaml.splitlines())

    from granian import Granian

    from web.commands import serve

    bound: dict[str, Any] = {}
    monkeypatch.setattr(Granian, "serve", lambda self, *a, **kw: bound.update(
        server=(self.bind_addr, self.bind_port)))
    monkeypatch.setattr(Flask, "run", lambda self, **kw: bound.update(dev=kw))
    for name in ("WORTLAUT_HOST", "WORTLAUT_PORT"):
        monkeypatch.delenv(name, raising=False)
    for options in ([], ["--dev"]):
        result = CliRunner().invoke(serve, options, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert bound["server"] == ("127.0.0.1", 5000)
    assert bound["dev"]["host"] == "127.0.0.1" and bound["dev"]["port"] == 5000
    assert bound["dev"]["debug"] is False


# -- secrets ----------------------------------------------------------------------------

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    # A password made of a placeholder ({name}) is a template, not a credential.
    "credentials in a URL": re.compile(
        r"\b[a-z][a-z0-9+.-]*://[^\s/:@\"'<>]+:[^\s/@\"'<>{}]{3,}@"),
    "password assignment": re.compile(
        r"(?i)\b(?:password|passwd|api[_-]?key|secret|token)\b[\"']?\s*[:=]\s*[\"'][^\"'\s$<{]{8,}[\"']"),
    "Elasticsearch password variable": re.compile(
        r"(?m)^\s*(?:export\s+)?WORTLAUT_ES_(?:PASSWORD|API_KEY)=\S+"),
}


def test_no_secret_in_the_tracked_files() -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    found = []
    for name in filter(None, files):
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5 * 2**20:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for label, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                found.append(f"{name}: {label}: {match.group(0)[:60]}")
    assert not found, "\n".join(found)
    FIGURES["files checked for secrets"] += len(files)


class _Refusing(BaseHTTPRequestHandler):
    """A fake secured cluster: records the auth header and refuses it."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.headers.get("Authorization", ""))
        body = json.dumps({"error": {"type": "security_exception",
                                     "reason": "unable to authenticate"}, "status": 401})
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def refusing_cluster() -> Iterator[str]:
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)) as url:
        yield url


# Built at run time so that the repository itself holds no credential-like string.
PASSWORD = "pw-" + "Geheim" + "-4711"
API_KEY = "key-" + "Geheim" + "-0815"
URL_PASSWORD = "url-" + "Geheim" + "-42"


def _secrets() -> list[str]:
    basic = base64.b64encode(f"elastic:{PASSWORD}".encode()).decode()
    return [PASSWORD, API_KEY, URL_PASSWORD, basic]


def _assert_clean(text: str, where: str) -> None:
    for secret in _secrets():
        assert secret not in text, f"{where} shows a secret"


def test_credentials_never_appear_in_messages_or_logs(
        refusing_cluster: str, settings: Settings, caplog: pytest.LogCaptureFixture,
        tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    port = refusing_cluster.rsplit(":", 1)[1]
    with_password = replace(settings, es_url=f"http://elastic:{URL_PASSWORD}@127.0.0.1:{port}",
                            es_username="elastic", es_password=PASSWORD, es_api_key=None)
    with_key = replace(settings, es_url=refusing_cluster, es_api_key=API_KEY)
    closed = replace(with_password, es_url=f"http://elastic:{URL_PASSWORD}@127.0.0.1:9")
    messages = [repr(with_password), repr(with_key), str(with_password)]
    for config in (with_password, with_key, closed):
        with pytest.raises(ElasticsearchUnavailable) as refused:
            connect(config)
        messages.append(str(refused.value))
    assert "refused the credentials" in messages[3]
    assert "Cannot reach Elasticsearch at http://***@127.0.0.1:9" in messages[5]
    assert _Refusing.seen, "the fake cluster saw no request"
    for config in (with_password, with_key, closed):
        client = create_app(config).test_client()
        for url in ("/api/v1/quotes", "/", "/healthz", "/status"):
            response = client.get(url)
            assert response.status_code in {500, 503}
            messages.append(response.get_data(as_text=True))
    env = {**os.environ, "WORTLAUT_ES_URL": f"http://elastic:{URL_PASSWORD}@127.0.0.1:9",
           "WORTLAUT_ES_USERNAME": "elastic", "WORTLAUT_ES_PASSWORD": PASSWORD,
           "WORTLAUT_ES_API_KEY": API_KEY}
    (tmp_path / "a.txt").write_text("Titel\n\n„Ein Satz“, sagte Petra Probe.\n")
    wortlaut = str(Path(sys.executable).with_name("wortlaut"))
    for command in (["index", str(tmp_path)], ["es", "status"]):
        result = subprocess.run([wortlaut, *command], env=env, capture_output=True,
                                text=True, timeout=120, check=False)
        assert result.returncode != 0
        messages.append(result.stdout + result.stderr)
    for number, text in enumerate(messages):
        _assert_clean(text, f"message {number}")
    _assert_clean("\n".join(r.getMessage() for r in caplog.records), "the log")
    _assert_clean(caplog.text, "the log")
    FIGURES["faults injected"] += 3
