#!/usr/bin/env python3
"""A bounded soak on loopback: many clients, a realistic request mix, zero errors, flat
memory.

The app runs as its own process (``wortlaut serve``, bound to 127.0.0.1) on a fixture
corpus in fresh indices, with raised rate limits (SOAK_RATE_LIMITS);
``--clients`` threads send a mix of searches (with facets, sorts and pages), quote,
release and speaker pages, API calls, exports, verifications, static files and deliberate
400s/404s for ``--seconds``, each from its own loopback address (127.0.0.10, .11, ...),
so each is a client of its own to the rate limits. Every answer must have its expected
status; the server's resident memory (RSS) is sampled every second. Meanwhile one more
client (127.0.0.2) hammers the verification: it must meet 429 with Retry-After, while the
others are still served.

Memory counts as flat when RSS at the end exceeds RSS after the warm-up (the first
fifth of the run, at least 5 s) by at most max(24 MB, 10 %). Prints a JSON report
(and writes it with ``--report``); exit 1 on any error or on memory growth.

    .venv/bin/python scripts/soak.py                     # 10 minutes, 16 clients
    SOAK_SECONDS=60 .venv/bin/python scripts/soak.py     # the CI length

Without ``--es-url`` it uses WORTLAUT_ES_URL or the running local node.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["Integration", "Integrationsplan", "konferenz", "Bürger", "Signal", "Hessen",
         "Schule", "Brücke", '"starkes Signal"', "Klose OR Walter", "-Krieg Integration",
         "economy", "vaccine", "Giftspritze", "Gesellschaften", "Zukunft", "Senat"]
STATIC = ("wortlaut.css", "search.js", "copy.js")
# Each simulated client is a script sending as fast as the server answers (on a quiet
# machine about 1,000 requests a minute, 60 of them verifications), far above what a person
# sends: the soak raises the limits (verification four times, the rest ten times the
# defaults), which its 16 clients stay under and the 17th client, verifying without pause
# over one connection (one worker's budget, see Hammer), exceeds within seconds.
SOAK_RATE_LIMITS = "verify=240/minute,export=300/minute,similar=1200/minute,search=12000/minute"
# How long the hammering client may go on after the run until it meets its 429.
HAMMER_GRACE = 60.0


@dataclass
class Tally:
    requests: int = 0
    errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, expected: set[int], seconds: float, url: str) -> None:
        with self.lock:
            self.requests += 1
            self.kinds[kind] += 1
            self.statuses[status] += 1
            self.latencies.append(seconds)
            if status not in expected:
                self.errors += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{status} for {kind}: {url[:160]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident memory of the process and its children, in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{candidate}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


class Client:
    """One simulated user: picks a request, checks its status, repeats until the end."""

    def __init__(self, base: str, ids: dict[str, list[str]], tally: Tally,
                 seed: int, address: str = "127.0.0.1") -> None:
        self.base = base
        self.ids = ids
        self.tally = tally
        self.random = random.Random(seed)  # noqa: S311 - a request mix, not a secret
        self.address = address  # the loopback address this client sends from

    def _pick(self, name: str) -> str:
        values = self.ids.get(name) or ["unknown"]
        return urllib.parse.quote(self.random.choice(values), safe="")

    def request(self) -> tuple[str, str, bytes | None, set[int]]:
        r = self.random
        word = r.choice(WORDS)
        roll = r.random()
        if roll < 0.30:
            args: list[tuple[str, str]] = [("q", word)]
            if r.random() < 0.4 and self.ids.get("speakers"):
                args.append(("speaker", r.choice(self.ids["speakers"])))
            if r.random() < 0.3:
                args.append(("sort", r.choice(["newest", "oldest", "relevance"])))
            if r.random() < 0.3:
                args.append(("page", str(r.randint(1, 3))))
            where = r.choice(["/", "/api/v1/quotes"])
            return "search", f"{where}?{urllib.parse.urlencode(args)}", None, {200}
        if roll < 0.40:
            return "releases", "/api/v1/releases?" + urllib.parse.urlencode(
                {"q": word, "undated": r.choice(["include", "exclude"])}), None, {200}
        if roll < 0.52:
            quote = self._pick("quotes")
            return "quote", r.choice([f"/zitate/{quote}", f"/api/v1/quotes/{quote}",
                                      f"/api/v1/quotes/{quote}/similar"]), None, {200}
        if roll < 0.60:
            release = self._pick("releases")
            return "release", r.choice([f"/mitteilungen/{release}",
                                        f"/api/v1/releases/{release}"]), None, {200}
        if roll < 0.66:
            speaker = self._pick("speaker_ids")
            return "speaker", r.choice([f"/sprecher/{speaker}",
                                        f"/api/v1/speakers/{speaker}",
                                        "/api/v1/speakers?q=Kl"]), None, {200}
        if roll < 0.70:
            return "export", "/api/v1/quotes/export.csv?" + urllib.parse.urlencode(
                {"q": word}), None, {200}
        if roll < 0.76:
            body = json.dumps({"text": r.choice([
                'Klose sagte: "In Hessen richtet sich Integrationspolitik an alle Bürger"',
                "Ein Satz, den niemand je gesagt hat, zur Prüfung",
                "deutlich Nein zur Giftspritze"])}).encode()
            return "verify", "/api/v1/verify", body, {200}
        if roll < 0.82:
            return "static", f"/static/{r.choice(STATIC)}", None, {200}
        if roll < 0.88:
            return "status", r.choice(["/healthz", "/status", "/api/v1/openapi.json",
                                       "/pruefen"]), None, {200}
        if roll < 0.94:
            return "bad request", r.choice([
                "/api/v1/quotes?per_page=1000", "/api/v1/quotes?page=999999",
                "/api/v1/quotes?sort=nope", "/?q=" + "x" * 600,
                "/api/v1/quotes?" + "&".join(f"speaker=p{i}" for i in range(60))]), None, {400}
        return "not found", r.choice(["/zitate/nope", "/api/v1/releases/nope",
                                      "/no/such/page"]), None, {404}

    def connection(self) -> http.client.HTTPConnection:
        """A connection to the server from this client's address (opened on first use)."""
        parsed = urllib.parse.urlsplit(self.base)
        return http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port,
                                          timeout=30, source_address=(self.address, 0))

    def send(self, path: str, body: bytes | None) -> tuple[int, dict[str, str]]:
        """One request from this client's address; (status, headers by lower-case name: HTTP
        names are case-insensitive, and the server writes them in lower case), status 0 when
        the connection failed."""
        connection = self.connection()
        headers = {"Content-Type": "application/json"} if body else {}
        try:
            connection.request("POST" if body else "GET", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status, {name.lower(): value
                                     for name, value in response.getheaders()}
        except OSError:
            return 0, {}  # connection refused, reset or timed out
        finally:
            connection.close()

    def run(self, until: float) -> None:
        while time.monotonic() < until:
            kind, path, body, expected = self.request()
            started = time.monotonic()
            status, _ = self.send(path, body)
            self.tally.add(kind, status, expected, time.monotonic() - started,
                           self.base + path)


class Hammer(Client):
    """A script that verifies as fast as it can over one kept-alive connection, as a
    script's HTTP session does: it must meet 429 with Retry-After.

    Counts live in each server worker's memory (``web.rate_limits``). A connection stays
    with the worker that accepted it, so the budget this client exhausts is one worker's,
    whatever the machine's speed; with a new connection per request it would be spread
    over both workers' budgets. On a slow machine, where the other clients slow its
    verifications down, it goes on after the run until its first 429 (at most
    :data:`HAMMER_GRACE` seconds more): a short run must still prove the limit."""

    BODY = json.dumps({"text": "deutlich Nein zur Giftspritze"}).encode()
    HEADERS: ClassVar[dict[str, str]] = {"Content-Type": "application/json"}

    def __init__(self, base: str, address: str) -> None:
        super().__init__(base, {}, Tally(), 0, address)
        self.answers: Counter[int] = Counter()
        self.retry_after: set[str] = set()

    def run(self, until: float) -> None:
        connection: http.client.HTTPConnection | None = None
        deadline = until + HAMMER_GRACE
        while (now := time.monotonic()) < until or (not self.answers[429] and now < deadline):
            if connection is None:
                connection = self.connection()
            try:
                connection.request("POST", "/api/v1/verify", body=self.BODY,
                                   headers=self.HEADERS)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.answers[0] += 1
                connection.close()
                connection = None
                continue
            self.answers[response.status] += 1
            if response.status == 429:
                self.retry_after.add(response.getheader("retry-after") or "")
                time.sleep(0.05)
        if connection is not None:
            connection.close()


def sample_ids(base: str) -> dict[str, list[str]]:
    def get(path: str) -> Any:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
            return json.load(response)

    quotes = get("/api/v1/quotes?per_page=100")["items"]
    speakers = get("/api/v1/speakers?size=50")["items"]
    return {
        "quotes": [q["id"] for q in quotes],
        "releases": sorted({q["release_id"] for q in quotes}),
        "speakers": [s["name"] for s in speakers],
        "speaker_ids": [s["id"] for s in speakers],
    }


def start_server(es_url: str, prefix: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WORTLAUT_ES_URL": es_url, "WORTLAUT_INDEX_PREFIX": prefix,
           "WORTLAUT_HOST": "127.0.0.1", "WORTLAUT_PORT": str(port),
           "WORTLAUT_RATE_LIMITS": SOAK_RATE_LIMITS}
    wortlaut = Path(sys.executable).with_name("wortlaut")
    # The server logs every request: to a file, never to a pipe nobody reads (a full
    # pipe would block the server).
    log = tempfile.NamedTemporaryFile(prefix="wortlaut-soak-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen([str(wortlaut), "serve"], env=env,  # noqa: S603
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = Path(log.name).read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the server exited: {tail}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz",
                                        timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not become healthy within 60 s")


def soak(es_url: str, prefix: str, seconds: float, clients: int = 16) -> dict[str, Any]:
    """Serve ``prefix`` from a fresh server process and soak it; returns the report."""
    port = _free_port()
    server = start_server(es_url, prefix, port)
    base = f"http://127.0.0.1:{port}"
    tally = Tally()
    samples: list[tuple[float, float]] = []
    try:
        ids = sample_ids(base)
        started = time.monotonic()
        until = started + seconds
        threads = [threading.Thread(target=Client(base, ids, tally, seed,
                                                  f"127.0.0.{10 + seed}").run, args=(until,))
                   for seed in range(clients)]
        hammer = Hammer(base, "127.0.0.2")
        threads.append(threading.Thread(target=hammer.run, args=(until,)))
        for thread in threads:
            thread.start()
        while time.monotonic() < until:
            samples.append((time.monotonic() - started, rss_mb(server.pid)))
            time.sleep(1)
        for thread in threads:
            thread.join(HAMMER_GRACE + 60)
        samples.append((time.monotonic() - started, rss_mb(server.pid)))
        alive = server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
    warm_up = max(5.0, seconds / 5)
    warm = next((rss for at, rss in samples if at >= warm_up), samples[-1][1])
    end = samples[-1][1]
    allowed = max(24.0, warm * 0.10)
    latencies = sorted(tally.latencies) or [0.0]

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)

    return {
        "seconds": seconds, "clients": clients, "requests": tally.requests,
        "errors": tally.errors, "error_examples": tally.examples,
        "requests_per_second": round(tally.requests / seconds, 1),
        "statuses": dict(sorted(tally.statuses.items())),
        "kinds": dict(sorted(tally.kinds.items())),
        "latency_ms": {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99),
                       "max": round(latencies[-1] * 1000, 1)},
        "rss_mb": {"start": round(samples[0][1], 1), "after_warm_up": round(warm, 1),
                   "end": round(end, 1), "max": round(max(r for _, r in samples), 1),
                   "growth_after_warm_up": round(end - warm, 1),
                   "allowed_growth": round(allowed, 1)},
        "server_survived": alive,
        # The hammering client: how its verifications were answered (429 once over its
        # limit) and the Retry-After values it was given.
        "hammer": {"statuses": {str(k): v for k, v in sorted(hammer.answers.items())},
                   "retry_after": sorted(hammer.retry_after)},
        "ok": (tally.errors == 0 and end - warm <= allowed and alive
               and hammer.answers[429] > 0 and "" not in hammer.retry_after),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float,
                        default=float(os.environ.get("SOAK_SECONDS", "600")))
    parser.add_argument("--clients", type=int, default=int(os.environ.get("SOAK_CLIENTS", "16")))
    parser.add_argument("--es-url", default=None)
    parser.add_argument("--report", type=Path, default=ROOT / "tests" / "artifacts" / "soak.json")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from search_service.client import connect, resolve_url
    from search_service.compounds import splitter_for
    from search_service.indices import IndexNames, delete_all, ensure_indices
    from search_service.settings import Settings
    from tests.corpus import index_corpus
    from tests.hostile import HOSTILE_RELEASES

    settings = Settings.from_env()
    es_url = options.es_url or resolve_url(settings)
    client = connect(Settings.from_env({**os.environ, "WORTLAUT_ES_URL": es_url}))
    names = IndexNames(f"wortlaut-soak-{secrets.token_hex(3)}")
    ensure_indices(client, names)
    try:
        index_corpus(client, names, splitter_for(settings.hunspell_dir), extra=HOSTILE_RELEASES)
        print(f"soaking for {options.seconds:.0f} s with {options.clients} clients ...",
              file=sys.stderr)
        report = soak(es_url, names.prefix, options.seconds, options.clients)
    finally:
        delete_all(client, names)
    text = json.dumps(report, indent=2)
    print(text)
    options.report.parent.mkdir(parents=True, exist_ok=True)
    options.report.write_text(text + "\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
