"""Search latency: the API under its server vs the same queries straight to Elasticsearch.

The load generator runs as a separate process on loopback; see ``bench.loadgen``.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import ROOT, Spread, free_port, rss_kib, stop, wait_until_up
from bench.workload import dump


@contextlib.contextmanager
def app_server(es_url: str, prefix: str, workers: int, threads: int,
               root: Path = ROOT) -> Iterator[tuple[str, int]]:
    """The app under its production server (``web/server.py``: granian, ``workers``
    processes of ``threads`` threads), its code from ``root``; yields its URL and the
    server's main pid. A version from before ``web/server.py`` runs its app factory under
    the same server (``bench.ab``)."""
    port = free_port()
    # The load generator is one client sending thousands of requests a minute: the app's
    # per-client rate limits (web/rate_limits.py) would answer most of them 429.
    env = {**os.environ, "WORTLAUT_ES_URL": es_url, "WORTLAUT_INDEX_PREFIX": prefix,
           "WORTLAUT_RATE_LIMITS": "off", "WORTLAUT_HOST": "127.0.0.1",
           "WORTLAUT_PORT": str(port), "WORTLAUT_WEB_WORKERS": str(workers),
           "WORTLAUT_WEB_THREADS": str(threads), "PYTHONPATH": str(root)}
    if (root / "web" / "server.py").is_file():
        command = [sys.executable, "-m", "web.server"]
    else:
        command = [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi",
                   "--factory", "--workers", str(workers), "--blocking-threads", str(threads),
                   "--host", "127.0.0.1", "--port", str(port), "--no-ws",
                   "web.app:create_app"]
    process = subprocess.Popen(command, cwd=root, env=env)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/healthz", process, "the app's server")
        yield url, process.pid
    finally:
        stop(process)


def _workers(master: int) -> list[int]:
    return [int(pid) for pid in
            Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def worker_rss_mib(master: int) -> list[float]:
    return [round(rss_kib(pid) / 1024, 1) for pid in _workers(master)]


def app_cpu_s(master: int) -> float:
    """CPU seconds (user + system) the app's server has used so far: its main process
    and its workers."""
    total = 0
    for pid in [master, *_workers(master)]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def es_cpu_s(es_url: str) -> float:
    """CPU seconds the Elasticsearch process has used so far (its own node stats)."""
    url = (f"{es_url}/_nodes/_local/stats/process"
           "?filter_path=nodes.*.process.cpu.total_in_millis")
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        nodes = json.loads(response.read())["nodes"]
    return float(next(iter(nodes.values()))["process"]["cpu"]["total_in_millis"]) / 1000


def load(base: str, spec_file: Path, concurrency: int, seconds: float,
         min_requests: int = 0) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.loadgen", base, str(spec_file),
         "--concurrency", str(concurrency), "--seconds", str(seconds),
         "--min-requests", str(min_requests)],
        cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def compare(es_url: str, prefix: str, spec: list[dict[str, Any]], *, clients: tuple[int, ...],
            seconds: float, runs: int, workers: int, threads: int,
            direct: bool = True, min_requests: int = 0) -> dict[str, Any]:
    """p50/p95/p99 and req/s for API and direct, per concurrency, median over runs."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for target in ("api", "es"):
            files[target] = Path(folder) / f"{target}.json"
            files[target].write_text(dump(spec, target), encoding="utf-8")
        rows: dict[str, Any] = {}
        with app_server(es_url, prefix, workers, threads) as (api_url, master):
            # Warm both workers, the node's caches and its JIT (a node that has just
            # indexed spends seconds of CPU compiling search code paths).
            targets = (("api", api_url), ("es", es_url))[:1 + direct]
            for target, base in targets:
                load(base, files[target], 4, 3)
            for concurrency in clients:
                runs_of: dict[str, list[dict[str, Any]]] = {target: [] for target, _ in targets}
                for _ in range(runs):  # API and direct runs alternate, so drift hits both
                    for target, base in targets:
                        app0, es0 = app_cpu_s(master), es_cpu_s(es_url)
                        run = load(base, files[target], concurrency, seconds, min_requests)
                        sent = max(1, run["sent_with_warmup"])
                        run["app_cpu_ms"] = (app_cpu_s(master) - app0) / sent * 1000
                        run["es_cpu_ms"] = (es_cpu_s(es_url) - es0) / sent * 1000
                        runs_of[target].append(run)
                for target, measured in runs_of.items():
                    rows[f"{target}@{concurrency}"] = {
                        key: Spread.of([m[key] for m in measured])
                        for key in ("p50_ms", "p95_ms", "p99_ms", "rps", "app_cpu_ms",
                                    "es_cpu_ms")
                    } | {"errors": sum(m["errors"] for m in measured),
                         "p95_ms_by_kind": measured[len(measured) // 2]["p95_ms_by_kind"]}
            rows["worker_rss_mib"] = worker_rss_mib(master)
    return rows


def profile(es_url: str, prefix: str, spec: list[dict[str, Any]], kind: str,
            repeats: int = 3) -> dict[str, Any]:
    """cProfile of one endpoint in-process (Flask test client), split by where time goes."""
    from search_service.settings import Settings
    from web.app import create_app

    settings = Settings.from_env({**os.environ, "WORTLAUT_ES_URL": es_url,
                                  "WORTLAUT_INDEX_PREFIX": prefix, "WORTLAUT_RATE_LIMITS": "off"})
    app = create_app(settings).test_client()
    items = [item["api"] for item in spec if item["kind"] == kind]
    for method, path, body in items[:5]:
        app.open(path, method=method, json=body)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeats):
        for method, path, body in items:
            app.open(path, method=method, json=body)
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    calls = len(items) * repeats

    def cumulative(fragment: str, name: str) -> float:
        return max((row[3] for (file, _, func), row in stats.stats.items()  # type: ignore[attr-defined]
                    if fragment in file and func == name), default=0.0)

    waiting = cumulative("elastic_transport/_transport.py", "perform_request")
    buckets = {
        "elasticsearch round trip (client + server)": waiting,
        "marshmallow dump (response schemas)": cumulative("marshmallow/schema.py", "dump"),
        "compiled dump (web/serialize.py)": cumulative("web/serialize.py", "dump"),
        "json encoding (orjson)": cumulative("web/app.py", "dumps"),
        "request parsing (webargs + schemas)": cumulative("webargs/core.py", "parse"),
        "result reading (document_model.py)": cumulative("search_service/document_model.py",
                                                         "read_hit"),
        "query building (search.py)": cumulative("search_service/search.py", "_searches"),
        "comparison (verification)": cumulative("search_service/verification/service.py",
                                                "judge"),
    }
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
    return {"endpoint": kind, "calls": calls, "ms_per_call": wall / calls * 1000,
            "ms_per_call_by_part": {k: v / calls * 1000 for k, v in buckets.items()},
            "top_tottime": text.getvalue().splitlines()[-20:]}


def serializer(es_url: str, prefix: str, spec: list[dict[str, Any]], runs: int
               ) -> dict[str, Spread]:
    """ms per quote-search response: marshmallow ``Schema().dump`` vs the compiled dump,
    on real result pages (the full-text requests of the workload)."""
    from search_service.client import make_client
    from search_service.compounds import splitter_for
    from search_service.indices import IndexNames
    from search_service.request import QuoteSearch
    from search_service.search import Searcher
    from search_service.settings import Settings
    from web.schemas import QuoteListSchema
    from web.serialize import dump

    settings = Settings.from_env({"WORTLAUT_ES_URL": es_url})
    searcher = Searcher(make_client(settings, es_url), IndexNames(prefix),
                        splitter_for(settings.hunspell_dir))
    queries = [urllib.parse.parse_qs(item["api"][1].split("?", 1)[1])["q"][0]
               for item in spec if item["kind"] == "fulltext"][:40]
    pages = [searcher.quotes(QuoteSearch(q=q)) for q in queries]

    def per_page(work: Any) -> float:
        started = time.perf_counter()
        for page in pages:
            work(page)
        return (time.perf_counter() - started) / len(pages) * 1000

    return {"marshmallow": Spread.of([per_page(lambda p: QuoteListSchema().dump(p))
                                      for _ in range(runs)]),
            "compiled": Spread.of([per_page(lambda p: dump(QuoteListSchema, p))
                                   for _ in range(runs)])}
