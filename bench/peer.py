"""The peer, side by side: Datasette over SQLite FTS5 answering Wortlaut's search workload.

The quotes the Wortlaut bench indexes go into SQLite (``bench.datasette_load``); Datasette
serves the file read-only (``-i``) as its own process on loopback, and ``bench.loadgen``
drives it with the same requests (seed, words, phrases, filters) as ``bench.workload``
at 1 and 4 clients: the whole mix (verification left out: Datasette has no equivalent)
and each kind on its own. Around every run Datasette's CPU time is read from /proc.

    python -m bench.peer --sizes 10000,100000 [--seconds S] [--runs N]
                         [--wortlaut bench/results/latest.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import (
    ROOT,
    Spread,
    free_port,
    machine,
    plain,
    rss_kib,
    stop,
    wait_until_up,
)
from bench.datasette_load import DATABASE, TABLE, TOPICS_TABLE, database_path, documents, ensure

PER_PAGE = 20  # Wortlaut's default page (LIMITS.default_per_page)
FACET_SIZE = 50  # Wortlaut's values per facet (LIMITS.facet_size)
# Wortlaut's quote facets that the table has: speaker, topic (a JSON array), publisher, year.
FACETS = (("_facet", "speaker"), ("_facet_array", "topics"), ("_facet", "publisher"),
          ("_facet", "year"))
FILTERS = {"speaker": "speaker__exact", "year": "year__exact"}
TOPIC_FILTERS = ("through", "array")  # quote_topics by index, or the JSON column row by row
SETTINGS = {
    "sql_time_limit_ms": "10000",
    "facet_time_limit_ms": "10000",
    "default_page_size": str(PER_PAGE),
    "max_returned_rows": "1000",
    # Wortlaut computes the facets it is asked for, and so should the peer: no suggestions.
    "suggest_facets": "off",
}
KINDS = ("fulltext", "phrase", "filter")  # verify: no Datasette equivalent
CLIENTS = (1, 4)


def fts5_phrase(text: str) -> str:
    """An FTS5 phrase query for ``text`` (its double quotes doubled, as FTS5 escapes them)."""
    return '"' + text.replace('"', '""') + '"'


def datasette_request(item: dict[str, Any], database: str = DATABASE,
                      topic_filter: str = "through") -> dict[str, Any] | None:
    """One ``bench.workload`` item as the Datasette table-view request asking the same, in
    loadgen form; ``None`` for a verification (Datasette has nothing like it).

    ``q`` in double quotes is a phrase: an FTS5 phrase in raw search mode. Other text goes
    through Datasette's default (escaped) mode, each word a quoted FTS5 string. Speaker and
    year become exact column filters; a topic is looked up in ``quote_topics``
    (``_through``, ``topic_filter="through"``) or in the JSON column
    (``topics__arraycontains``, ``topic_filter="array"``). Every
    request asks for the facets Wortlaut returns that the table has, 20 rows, newest first
    (the table view cannot sort by FTS rank; Wortlaut's filter-only searches have no score
    and are newest first too).
    """
    if item["kind"] == "verify":
        return None
    method, path, _ = item["api"]
    parsed = urllib.parse.urlsplit(path)
    if method != "GET" or parsed.path != "/api/v1/quotes":
        raise ValueError(f"not a quote search: {method} {path}")
    params: list[tuple[str, str]] = []
    for name, value in urllib.parse.parse_qsl(parsed.query, keep_blank_values=True):
        if name == "q":
            text = value.strip()
            if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
                params += [("_search", fts5_phrase(text[1:-1].strip())), ("_searchmode", "raw")]
            elif text:
                params.append(("_search", text))
        elif name in FILTERS:
            params.append((FILTERS[name], value))
        elif name == "topic" and topic_filter == "through":
            params.append(("_through", json.dumps(
                {"table": TOPICS_TABLE, "column": "topic", "value": value},
                ensure_ascii=False, separators=(",", ":"))))
        elif name == "topic" and topic_filter == "array":
            params.append(("topics__arraycontains", value))
        else:
            raise ValueError(f"no Datasette equivalent for {name}={value!r}")
    params += [*FACETS, ("_facet_size", str(FACET_SIZE)), ("_size", str(PER_PAGE)),
               ("_sort_desc", "date")]
    query = urllib.parse.urlencode(params)
    return {"kind": item["kind"], "method": "GET", "path": f"/{database}/{TABLE}.json?{query}",
            "body": None}


def peer_spec(spec: list[dict[str, Any]], database: str = DATABASE,
              topic_filter: str = "through") -> list[dict[str, Any]]:
    """The workload's requests that Datasette can answer, in the workload's order."""
    return [request for item in spec
            if (request := datasette_request(item, database, topic_filter)) is not None]


def workload_spec() -> list[dict[str, Any]]:
    """``bench.workload.requests`` as ``bench.run`` builds it: same seed and count, drawn
    from the documents of the 10k corpus (the same requests at every size)."""
    from bench import realistic, workload
    from search_service.compounds import splitter_for
    from search_service.indices import IndexNames
    from search_service.settings import Settings

    material = realistic.workload_material(documents(10_000))
    return workload.requests(material, IndexNames("bench-peer"),
                             splitter_for(Settings.from_env().hunspell_dir))


@contextlib.contextmanager
def datasette(db: Path, log_file: Path) -> Iterator[tuple[str, int]]:
    """``datasette serve -i DB`` on a free loopback port; yields its URL and pid."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "datasette"), "serve", "-i", str(db),
               "--host", "127.0.0.1", "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    with log_file.open("w") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink,  # noqa: S603
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/-/versions.json", process, "datasette", log_file)
        yield url, process.pid
    finally:
        stop(process)


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check(base: str, requests: list[dict[str, Any]]) -> dict[str, Any]:
    """Every distinct request once: status, matches, facets that timed out, per kind."""
    seen: dict[str, dict[str, Any]] = {}
    for request in requests:
        seen.setdefault(request["path"], request)
    out: dict[str, Any] = {}
    for kind in sorted({r["kind"] for r in seen.values()}):
        counts, errors, timed_out, ms = [], 0, 0, []
        for request in (r for r in seen.values() if r["kind"] == kind):
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + request["path"], timeout=60) as response:  # noqa: S310
                    body = json.loads(response.read())
            except (urllib.error.HTTPError, OSError):
                errors += 1
                continue
            ms.append((time.perf_counter() - started) * 1000)
            counts.append(int(body.get("filtered_table_rows_count") or 0))
            timed_out += len(body.get("facets_timed_out") or [])
        out[kind] = {"requests": len(counts) + errors, "errors": errors,
                     "facets_timed_out": timed_out,
                     "no_match": sum(c == 0 for c in counts),
                     "median_matches": statistics.median(counts) if counts else 0,
                     "median_ms_first_call": statistics.median(ms) if ms else float("nan")}
    return out


def load(base: str, spec_file: Path, concurrency: int, seconds: float,
         min_requests: int = 0) -> dict[str, Any]:
    from bench.search import load as loadgen

    return loadgen(base, spec_file, concurrency, seconds, min_requests)


def measure_peer(size: int, *, seconds: float = 5.0, runs: int = 3,
                 clients: tuple[int, ...] = CLIENTS, spec: list[dict[str, Any]] | None = None,
                 min_requests: int = 0, reuse: bool = False,
                 log: Callable[[str], None] = print) -> dict[str, Any]:
    """Load ``size`` quotes into SQLite, serve them with Datasette, run the workload.

    ``spec`` is ``bench.workload.requests(...)`` (built here when not given; only the API
    side is read). Each run lasts ``seconds`` and goes on until ``min_requests`` answers
    are measured (``bench.loadgen``). Returns the load figures, the check of every
    request, and per ``{target}@{clients}`` (target ``mix`` or a kind) p50/p95/p99 ms,
    req/s and Datasette CPU ms per request as :class:`Spread` over ``runs``, plus
    ``p95_ms_by_kind`` of the median run.
    """
    if spec is None:
        spec = workload_spec()
    requests = peer_spec(spec)
    loaded = ensure(size, reuse=reuse, log=log)
    db = database_path(size)
    result: dict[str, Any] = {"size": size, "load": loaded, "requests": len(requests),
                              "left_out": sorted({i["kind"] for i in spec} - set(KINDS)),
                              "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        files = {"mix": Path(folder) / "mix.json"}
        files["mix"].write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
        for kind in KINDS:
            files[kind] = Path(folder) / f"{kind}.json"
            files[kind].write_text(json.dumps([r for r in requests if r["kind"] == kind],
                                              ensure_ascii=False), encoding="utf-8")
        with datasette(db, db.with_suffix(".datasette.log")) as (base, pid):
            log(f"   datasette at {base} (pid {pid}), {size} quotes: checking "
                f"{len({r['path'] for r in requests})} distinct requests")
            result["check"] = check(base, requests)
            load(base, files["mix"], 4, 3)  # warm: page cache, SQLite caches, Python
            for concurrency in clients:
                measured: dict[str, list[dict[str, Any]]] = {t: [] for t in files}
                for _ in range(runs):
                    for target, spec_file in files.items():
                        cpu0 = cpu_s(pid)
                        run = load(base, spec_file, concurrency, seconds, min_requests)
                        run["cpu_ms"] = (cpu_s(pid) - cpu0) / max(1, run["sent_with_warmup"]) * 1000
                        measured[target].append(run)
                for target, measured_runs in measured.items():
                    by_p95 = sorted(measured_runs, key=lambda m: m["p95_ms"])
                    result[f"{target}@{concurrency}"] = {
                        key: Spread.of([m[key] for m in measured_runs])
                        for key in ("p50_ms", "p95_ms", "p99_ms", "rps", "cpu_ms")
                    } | {"errors": sum(m["errors"] for m in measured_runs),
                         "p95_ms_by_kind": by_p95[len(by_p95) // 2]["p95_ms_by_kind"]}
                log(f"   datasette {size} quotes, {concurrency} clients: mix p95 "
                    f"{result[f'mix@{concurrency}']['p95_ms'].show()} ms, "
                    f"{result[f'mix@{concurrency}']['rps'].show()} req/s")
            result["rss_mib_after"] = round(rss_kib(pid) / 1024, 1)
    return result


def wortlaut_side(results: dict[str, Any], size: int, clients: int) -> dict[str, Any] | None:
    """Wortlaut's API and direct figures at ``size`` and ``clients`` from a bench.run JSON."""
    blocks = [results.get("search")] if size == 10_000 else []
    blocks.append(((results.get("scale") or {}).get(str(size)) or {}).get("search"))
    for block in blocks:
        if block and f"api@{clients}" in block:
            return {target: {"p95_ms": block[f"{key}@{clients}"]["p95_ms"]["median"],
                             "rps": block[f"{key}@{clients}"]["rps"]["median"],
                             "p95_ms_by_kind": block[f"{key}@{clients}"]["p95_ms_by_kind"]}
                    for target, key in (("api", "api"), ("direct", "es"))
                    if f"{key}@{clients}" in block}
    return None


def table(measured: list[dict[str, Any]], wortlaut: list[dict[str, Any]]) -> list[str]:
    """Markdown rows: per size, kind and clients, Datasette beside Wortlaut (API, direct),
    the latter from the first of the ``wortlaut`` results that has the size and clients."""
    lines = ["| quotes | kind | clients | Datasette p95 in mix | Wortlaut API p95 in mix | "
             "ES direct p95 in mix | Datasette alone: p50 / p95 / p99 ms | Datasette req/s | "
             "Datasette CPU ms/req |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in measured:
        for clients in sorted(int(k.split("@")[1]) for k in row if k.startswith("mix@")):
            other = next((side for results in wortlaut
                          if (side := wortlaut_side(results, row["size"], clients))), None)
            mix = row[f"mix@{clients}"]
            for target in ("mix", *KINDS):
                alone = row[f"{target}@{clients}"]
                if target == "mix":
                    ours = f"{mix['p95_ms'].median:.1f} ({mix['rps'].median:.0f} req/s)"
                    theirs = [f"{other[t]['p95_ms']:.1f} ({other[t]['rps']:.0f} req/s, with verify)"
                              if other and t in other else "–" for t in ("api", "direct")]
                else:
                    ours = f"{mix['p95_ms_by_kind'].get(target, float('nan')):.1f}"
                    theirs = [f"{other[t]['p95_ms_by_kind'][target]:.1f}"
                              if other and t in other and target in other[t]["p95_ms_by_kind"]
                              else "–" for t in ("api", "direct")]
                lines.append(
                    f"| {row['load']['rows']} | {target} | {clients} | {ours} | {theirs[0]} | "
                    f"{theirs[1]} | {alone['p50_ms'].median:.1f} / {alone['p95_ms'].show()} / "
                    f"{alone['p99_ms'].median:.1f} | {alone['rps'].show()} | "
                    f"{alone['cpu_ms'].median:.1f} |")
    return lines


def versions() -> dict[str, str]:
    import sqlite3
    from importlib.metadata import version

    return {"datasette": version("datasette"), "sqlite_utils": version("sqlite-utils"),
            "sqlite": sqlite3.sqlite_version}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000",
                        help="quote counts, comma-separated (bench.realistic corpora)")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--min-requests", type=int, default=0,
                        help="go on past --seconds until this many answers per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", default=",".join(map(str, CLIENTS)))
    parser.add_argument("--wortlaut", type=Path, action="append", default=[],
                        help="a bench.run results JSON to print Wortlaut's figures beside "
                             "(repeatable: per size and clients, the first that has them)")
    parser.add_argument("--reuse", action="store_true",
                        help="serve the databases built before, if any, instead of rebuilding")
    args = parser.parse_args()
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[peer {time.monotonic() - started:6.0f}s] {message}", flush=True)

    spec = workload_spec()
    clients = tuple(int(c) for c in args.clients.split(","))
    result: dict[str, Any] = {"profile": "peer", "started": datetime.now(UTC).isoformat(),
                              "machine": machine("not used"), "versions": versions(),
                              "settings": SETTINGS, "seconds_per_run": args.seconds,
                              "runs": args.runs, "clients": list(clients), "sizes": []}
    for size in (int(s) for s in args.sizes.split(",")):
        log(f"{size} quotes")
        result["sizes"].append(measure_peer(size, seconds=args.seconds, runs=args.runs,
                                            clients=clients, spec=spec,
                                            min_requests=args.min_requests,
                                            reuse=args.reuse, log=log))
    wortlaut = [json.loads(path.read_text()) for path in args.wortlaut]
    result["wortlaut_results"] = [
        {"file": str(path), "profile": other.get("profile"), "started": other.get("started"),
         "git_commit": other.get("machine", {}).get("git_commit"),
         "load_average_at_start": other.get("machine", {}).get("load_average_at_start")}
        for path, other in zip(args.wortlaut, wortlaut, strict=True)]
    result["seconds"] = time.monotonic() - started
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = folder / f"{stamp}-peer.json"
    out.write_text(json.dumps(plain(result), indent=2, ensure_ascii=False) + "\n")
    m = result["machine"]
    v = result["versions"]
    print(f"\nPeer: Datasette {v['datasette']} (SQLite {v['sqlite']}, FTS5) vs Wortlaut"
          f" ({', '.join(map(str, args.wortlaut)) or 'no results given'}): {m['cores']} cores, "
          f"load average at start {m['load_average_at_start']}, {result['seconds']:.0f} s; "
          f"{args.runs} runs of {args.seconds:g} s, median [min–max]; verify left out")
    for row in result["sizes"]:
        load_ = row["load"]
        print(f"{load_['rows']} quotes: SQLite load {load_['seconds']:.1f} s "
              f"({load_['rows_per_s']:.0f} quotes/s{', reused' * load_['reused']}), "
              f"{load_['bytes_per_quote']:.0f} bytes/quote; check: "
              + ", ".join(f"{k} {c['requests']} requests, {c['no_match']} without match, "
                          f"{c['errors']} errors, {c['facets_timed_out']} facet timeouts"
                          for k, c in row["check"].items()))
    print("\n".join(table(result["sizes"], wortlaut)))
    print(f"written: {out.relative_to(ROOT)}")
    print("Wortlaut's mix has 20 % verifications; Datasette's has none (no equivalent). "
          "Datasette sorts newest first: its table view cannot sort by FTS rank.")


if __name__ == "__main__":
    main()
