"""The production server (``wortlaut serve``: granian, ``web/server.py``) in front of the
real node: its workers answer searches and verifications side by side, bad input gets its
400, every answer carries the security headers, and SIGTERM stops it with its workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from search_service.indices import IndexNames
from search_service.node.process import free_ports
from search_service.settings import Settings

WORTLAUT = str(Path(sys.executable).parent / "wortlaut")


def _get(url: str, data: dict[str, Any] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case: the server writes them in lower case) and body."""
    request = urllib.request.Request(
        url, data=json.dumps(data).encode() if data is not None else None,
        headers={"Content-Type": "application/json"} if data is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _children(pid: int) -> list[int]:
    return [int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.fixture()
def served(settings: Settings, hostile_corpus: IndexNames) -> Any:
    port = free_ports(1)[0]
    env = {**os.environ, "WORTLAUT_ES_URL": settings.es_url or "",
           "WORTLAUT_INDEX_PREFIX": hostile_corpus.prefix, "WORTLAUT_PORT": str(port),
           "WORTLAUT_WEB_WORKERS": "2", "WORTLAUT_WEB_THREADS": "2",
           "WORTLAUT_RATE_LIMITS": "off"}
    process = subprocess.Popen([WORTLAUT, "serve"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "wortlaut serve did not answer /healthz"
            time.sleep(0.5)
        yield base, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_wortlaut_serve_answers_in_parallel_and_stops_with_its_workers(served: Any) -> None:
    base, process = served
    workers = _children(process.pid)
    assert len(workers) == 2

    calls: list[tuple[str, dict[str, Any] | None]] = [
        ("/api/v1/quotes?q=Integration", None),
        ("/api/v1/releases?q=Integration", None),
        ("/api/v1/verify", {"text": "Integration gelingt nur im Dialog"}),
        ("/?q=Integration", None),
    ] * 6
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda call: _get(f"{base}{call[0]}", call[1]), calls))
    bodies: dict[str, set[bytes]] = {}
    for (path, _), (status, headers, body) in zip(calls, answers, strict=True):
        assert status == 200, (path, body[:300])
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        bodies.setdefault(path, set()).add(body)
    # Every worker answers the same request alike.
    assert all(len(found) == 1 for path, found in bodies.items() if path.startswith("/api/"))
    quotes = json.loads(next(iter(bodies["/api/v1/quotes?q=Integration"])))
    assert quotes["total"] > 0
    assert any("<mark>" in json.dumps(item["highlight"]) for item in quotes["items"])

    status, headers, body = _get(f"{base}/api/v1/quotes?per_page=zz")
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["field"] == "per_page"

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(
            f"/proc/{pid}/status").read_text(), f"worker {pid} outlived the server"
