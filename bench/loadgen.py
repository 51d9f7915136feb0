"""A bounded, threaded HTTP load generator, run as its own process on loopback.

Each of C clients keeps one keep-alive connection and sends the next request as soon
as the previous answer is read (closed loop), for a fixed duration after a warm-up.

    python -m bench.loadgen BASE_URL SPEC.json --concurrency 4 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


JSON, NDJSON = "application/json", "application/x-ndjson"


def encoded(body: Any) -> bytes | None:
    """A request body: JSON, or a list (the searches of an ``_msearch``) as JSON lines."""
    if body is None:
        return None
    if isinstance(body, list):
        return b"".join(json.dumps(part).encode() + b"\n" for part in body)
    return json.dumps(body).encode()


def client(base: str, spec: list[dict[str, Any]], offset: int, until: float, warm: float,
           out: list[tuple[str, float, int]], sent: list[int], min_requests: int = 0) -> None:
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port,
                                            timeout=60)
    bodies = [encoded(item["body"]) for item in spec]
    number = offset
    while True:
        item, body = spec[number % len(spec)], bodies[number % len(spec)]
        number += 1
        headers = {"content-type": NDJSON if isinstance(item["body"], list) else JSON} \
            if body is not None else {}
        started = time.perf_counter()
        if started >= until and len(out) >= min_requests:
            break
        try:
            connection.request(item["method"], item["path"], body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            status = 0
        sent.append(1)
        if started >= warm:
            out.append((item["kind"], time.perf_counter() - started, status))
    connection.close()


def run(base: str, spec: list[dict[str, Any]], concurrency: int, seconds: float,
        warmup: float = 1.0, min_requests: int = 0) -> dict[str, Any]:
    """Closed-loop load for ``seconds`` after ``warmup``, and on until at least
    ``min_requests`` answers were measured (so every point rests on enough requests)."""
    now = time.perf_counter()
    warm, until = now + warmup, now + warmup + seconds
    results: list[tuple[str, float, int]] = []
    sent: list[int] = []
    threads = [threading.Thread(target=client,
                                args=(base, spec, i * 37, until, warm, results, sent,
                                      min_requests))
               for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - warm
    ok = [latency * 1000 for _, latency, status in results if 200 <= status < 300]
    by_kind = {kind: [lat * 1000 for k, lat, s in results if k == kind and 200 <= s < 300]
               for kind in sorted({k for k, _, _ in results})}
    return {
        "concurrency": concurrency, "requests": len(results), "errors": len(results) - len(ok),
        "sent_with_warmup": len(sent),
        "rps": len(ok) / elapsed, "seconds": elapsed,
        "p50_ms": percentile(ok, 50), "p95_ms": percentile(ok, 95), "p99_ms": percentile(ok, 99),
        "p95_ms_by_kind": {k: percentile(v, 95) for k, v in by_kind.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("spec", type=Path)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--min-requests", type=int, default=0,
                        help="go on past --seconds until this many answers are measured")
    args = parser.parse_args()
    spec = json.loads(args.spec.read_text(encoding="utf-8"))
    print(json.dumps(run(args.base, spec, args.concurrency, args.seconds,
                         min_requests=args.min_requests)))


if __name__ == "__main__":
    main()
