"""Run every bench section on one node, print one table, write JSON to bench/results/.

    python -m bench.run --profile quick|full
"""

from __future__ import annotations

import argparse
import json
import secrets
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from bench import extraction, loading, peer, realistic, scale, search, workload
from bench.common import ROOT, elasticsearch_url, machine, plain, speed_probe
from search_service.client import connect
from search_service.compounds import splitter_for
from search_service.indices import IndexNames, delete_all
from search_service.settings import Settings

PROFILES: dict[str, dict[str, Any]] = {
    "quick": {"timing_releases": 400, "runs": 3, "seconds": 2.0, "scale": [10_000],
              "prebuilt": [], "scale_seconds": 2.0, "load_modes": 2, "profile_repeats": 1,
              "peer": []},
    "full": {"timing_releases": 1000, "runs": 3, "seconds": 5.0, "scale": [10_000, 100_000],
             "prebuilt": [1_000_000], "scale_seconds": 4.0, "load_modes": 6,
             "profile_repeats": 3, "peer": [100_000, 1_000_000]},
}
CLIENTS = (1, 4, 16)
# Every latency point (target × concurrency) rests on at least 2,000 measured requests.
MIN_REQUESTS_PER_RUN = 700
# The app's own layout (the settings' defaults: the best of bench.tune_server on 2 cores).
SERVER = {"workers": Settings.web_workers, "threads": Settings.web_threads}
LOAD_MODES: list[tuple[str, bool, bool, tuple[str, ...]]] = [
    ("wortlaut index (incremental)", False, False, ()),
    ("wortlaut index (incremental), before tuning: no background writer", False, False,
     ("--foreground",)),
    ("wortlaut index --rebuild", True, False, ()),
    ("IndexWriter only, incremental", False, True, ()),
    ("IndexWriter only, rebuild", True, True, ()),
    ("IndexWriter only, rebuild, before tuning: translog synced per request", True, True,
     ("--translog-per-request",)),
]


def head(corpus: Path, releases: int | None) -> Path:
    if releases is None:
        return corpus
    out = corpus.with_name(f"{corpus.stem}.head{releases}.jsonl")
    if not out.exists():
        with corpus.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
            sink.writelines(islice(source, releases))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    args = parser.parse_args()
    profile = PROFILES[args.profile]
    started = time.monotonic()
    rows: list[tuple[str, str, str]] = []
    result: dict[str, Any] = {"profile": args.profile, "started": datetime.now(UTC).isoformat()}

    def log(message: str) -> None:
        print(f"[bench {time.monotonic() - started:6.0f}s] {message}", flush=True)

    log("generating corpora")
    corpora = {size: realistic.corpus(size) for size in profile["scale"]}
    small = corpora[10_000]
    timing = head(small, profile["timing_releases"])
    # Searches drawn from what the smallest index holds; the larger corpora begin with the
    # same releases (same seed), so they hold it too.
    material = realistic.workload_material(extraction.prebuilt(small))
    docs = extraction.prebuilt(timing)

    with elasticsearch_url() as url:
        settings = Settings.from_env({"WORTLAUT_ES_URL": url, "WORTLAUT_ES_TIMEOUT": "120"})
        client = connect(settings)
        version = next(iter(client.nodes.info(node_id="_local", metric="_none",
                                              filter_path="nodes.*.version")["nodes"].values()))
        result["machine"] = machine(str(version["version"]))
        splitter = splitter_for(settings.hunspell_dir)

        log("1. extraction")
        ext = extraction.measure(timing, profile["runs"])
        result["extraction"] = ext
        for label in ("one_core", "all_cores"):
            name = "1 process, 1 core" if label == "one_core" else f"{ext['cores']} processes"
            rows.append(("extraction", f"{name}: releases/s", ext[label]["releases_per_s"].show()))
            rows.append(("extraction", f"{name}: MB/s", ext[label]["mb_per_s"].show(2)))

        log("2. loading")
        loading.warm_up(client)
        loads = loading.measure(client, url, timing, docs, profile["runs"],
                                LOAD_MODES[:profile["load_modes"]])
        result["loading"] = loads
        raw = loads["raw bulk helper"]["docs_per_s"].median
        for label, row in loads.items():
            ratio = row["docs_per_s"].median / raw
            rows.append(("loading", f"{label}: docs/s ({row['docs']} docs)",
                         f"{row['docs_per_s'].show(0)}  ×{ratio:.2f} of raw"))
        index_ratio = loads[LOAD_MODES[0][0]]["docs_per_s"].median / raw

        log("4/5. memory and scale")
        prefixes: list[IndexNames] = []
        scale_rows: dict[str, Any] = {}
        spec_for: dict[int, list[dict[str, Any]]] = {}
        try:
            for size, corpus in corpora.items():
                names = IndexNames(f"bench-q{size}-{secrets.token_hex(3)}")
                prefixes.append(names)
                log(f"   index_sources --rebuild, {size} quotes")
                run = loading.child_load(url, names, corpus, rebuild=True, prebuilt=False)
                scale_rows[str(size)] = {"indexed": run, **scale.index_size(client, names)}
                spec_for[size] = workload.requests(material, names, splitter)
            rss = {size: scale_rows[str(size)]["indexed"]["peak_rss_kib"] / 1024
                   for size in corpora}
            releases = {size: scale_rows[str(size)]["indexed"]["releases"] for size in corpora}
            if len(rss) == 1:  # quick: the timing slice's IndexWriter runs are the small point
                timing_rss = loads[LOAD_MODES[0][0]]["peak_rss_mib"].median
                rss = {profile["timing_releases"]: timing_rss, **rss}
                releases = {profile["timing_releases"]: profile["timing_releases"], **releases}
            keys = sorted(rss)
            memory_ratio = rss[keys[-1]] / rss[keys[0]]
            for key in keys:
                rows.append(("memory", f"indexer peak RSS, {releases[key]} releases",
                             f"{rss[key]:.0f} MiB"))
            rows.append(("memory", f"peak RSS ratio ({releases[keys[-1]]} vs "
                         f"{releases[keys[0]]} releases)", f"{memory_ratio:.2f}"))
            result["memory"] = {"indexer_peak_rss_mib": rss, "ratio": memory_ratio}

            log("3. search (API under its server vs direct)")
            scale.settle(client)
            main_spec = spec_for[10_000]
            searched = search.compare(url, prefixes[0].prefix, main_spec, clients=CLIENTS,
                                      seconds=profile["seconds"], runs=profile["runs"],
                                      min_requests=MIN_REQUESTS_PER_RUN, **SERVER)
            result["search"] = searched
            ratios = []
            for clients in CLIENTS:
                api, es = searched[f"api@{clients}"], searched[f"es@{clients}"]
                ratio = api["p95_ms"].median / es["p95_ms"].median
                ratios.append(ratio)
                for target, row in (("API", api), ("ES direct", es)):
                    rows.append(("search", f"{target}, {clients} clients: p50/p95/p99 ms",
                                 f"{row['p50_ms'].median:.1f} / {row['p95_ms'].show()} / "
                                 f"{row['p99_ms'].median:.1f}"))
                    rows.append(("search", f"{target}, {clients} clients: req/s",
                                 row["rps"].show()))
                rows.append(("search", f"API/ES p95 ratio, {clients} clients", f"{ratio:.2f}"))
                rows.append(("search", f"CPU ms per request, {clients} clients: API "
                             "(the app's server + ES) / direct (ES)",
                             f"{api['app_cpu_ms'].median:.1f} + {api['es_cpu_ms'].median:.1f}"
                             f" / {es['es_cpu_ms'].median:.1f}"))
            api_ratio = max(ratios)
            rows.append(("memory", f"web worker RSS after load ({SERVER['workers']} workers)",
                         " / ".join(f"{v:.0f}" for v in searched["worker_rss_mib"]) + " MiB"))
            slowest = max(searched["api@1"]["p95_ms_by_kind"].items(), key=lambda kv: kv[1])[0]
            log(f"   profiling the slowest endpoint ({slowest})")
            prof = search.profile(url, prefixes[0].prefix, main_spec, slowest,
                                  profile["profile_repeats"])
            result["endpoint_profile"] = prof
            parts = ", ".join(f"{k} {v:.1f}" for k, v in prof["ms_per_call_by_part"].items()
                              if v >= 0.05)
            rows.append(("search", f"profile {slowest}: ms/call", f"{prof['ms_per_call']:.1f} "
                         f"({parts})"))
            dumps = search.serializer(url, prefixes[0].prefix, main_spec, profile["runs"])
            result["serializer_ms"] = dumps
            rows.append(("tuning", "quote page to JSON-ready dict, marshmallow (before) ms",
                         dumps["marshmallow"].show(2)))
            rows.append(("tuning", "quote page to JSON-ready dict, compiled (after) ms",
                         dumps["compiled"].show(2)))

            for size in profile["prebuilt"]:
                names = IndexNames(f"bench-q{size}-{secrets.token_hex(3)}")
                prefixes.append(names)
                log(f"   {size} quotes: extraction (one process per core, cached)")
                built = extraction.prebuilt(realistic.corpus(size))
                log(f"   {size} quotes: IndexWriter --rebuild of the pre-built documents")
                run = loading.child_load(url, names, built, rebuild=True, prebuilt=True)
                scale_rows[str(size)] = {"indexed": run, **scale.index_size(client, names)}
                spec_for[size] = workload.requests(material, names, splitter)
            for size in sorted(spec_for):
                row = scale_rows[str(size)]
                sized = next(p for p in prefixes if p.prefix.startswith(f"bench-q{size}-"))
                if size == 10_000:  # the index and requests of section 3: reuse its runs
                    with_api = {key: searched[key] for key in ("api@4", "es@4")}
                else:
                    scale.settle(client)
                    with_api = search.compare(
                        url, sized.prefix,
                        spec_for[size], clients=(4,), seconds=profile["scale_seconds"],
                        runs=profile["runs"], min_requests=MIN_REQUESTS_PER_RUN, **SERVER)
                row["search"] = with_api
                # After its searches (they ran on the index as loaded), so merging it to
                # one segment does not flatter them.
                row["settled"] = scale.settled_size(client, sized)
                label = f"{row['quotes']} quotes"
                rows.append(("scale", f"{label}: index bytes/quote",
                             f"{row['bytes_per_quote']:.0f}"))
                rows.append(("scale", f"{label}: index bytes/quote settled (one segment)",
                             f"{row['settled']['bytes_per_quote']:.0f}"))
                rows.append(("scale", f"{label}: p95 ms API / ES (4 clients)",
                             f"{with_api['api@4']['p95_ms'].show()} / "
                             f"{with_api['es@4']['p95_ms'].show()}"))
            result["scale"] = scale_rows
        finally:
            for names in prefixes:
                delete_all(client, names)

    # The peer after the node is stopped, so Datasette gets the cores Elasticsearch had.
    result["peer"] = {}
    for size in profile["peer"]:
        log(f"   peer: Datasette over SQLite FTS5, {size} quotes")
        got = peer.measure_peer(size, seconds=profile["scale_seconds"], runs=profile["runs"],
                                clients=(1, 4), spec=spec_for[size], log=log)
        result["peer"][str(size)] = got
        wortlaut = scale_rows[str(size)]["search"]
        for kind in ("fulltext", "phrase", "filter"):
            rows.append(("peer", f"{got['load']['rows']} quotes, {kind}, 4 clients: p95 ms "
                         "Datasette / Wortlaut API",
                         f"{got[f'{kind}@4']['p95_ms'].show()} / "
                         f"{wortlaut['api@4']['p95_ms_by_kind'].get(kind, float('nan')):.1f}"))
        rows.append(("peer", f"{got['load']['rows']} quotes, mix, 4 clients: req/s "
                     "Datasette / Wortlaut API",
                     f"{got['mix@4']['rps'].show()} / {wortlaut['api@4']['rps'].show()}"))

    result["machine"]["speed_probe_ms_at_end"] = speed_probe()
    rows.append(("machine", "CPU ms of a fixed Python workload (bench/common.py "
                 "speed_probe), start / end", f"{result['machine']['speed_probe_ms_at_start']}"
                 f" / {result['machine']['speed_probe_ms_at_end']}"))
    result["index_vs_raw_ratio"] = index_ratio
    result["api_p95_vs_es_p95_ratio"] = api_ratio
    result["seconds"] = time.monotonic() - started
    write(result)
    print_table(rows, result)
    print(f"index_vs_raw_ratio: {index_ratio:.3f}")
    print(f"api_p95_vs_es_p95_ratio: {api_ratio:.3f}")


def write(result: dict[str, Any]) -> None:
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(plain(result), indent=2, ensure_ascii=False)
    (folder / f"{stamp}-{result['profile']}.json").write_text(text + "\n")
    (folder / "latest.json").write_text(text + "\n")


def print_table(rows: list[tuple[str, str, str]], result: dict[str, Any]) -> None:
    m = result["machine"]
    print(f"\nWortlaut bench ({result['profile']}): {m['cores']} cores, {m['memory_gib']} GiB, "
          f"Elasticsearch {m['elasticsearch']}, Python {m['python']}, commit {m['git_commit']}, "
          f"{result['seconds']:.0f} s; values: median [min–max]")
    width = max(len(r[1]) for r in rows)
    print(f"| section    | {'measure':<{width}} | value |")
    print(f"| ---------- | {'-' * width} | ----- |")
    for section, measure, value in rows:
        print(f"| {section:<10} | {measure:<{width}} | {value} |")


if __name__ == "__main__":
    main()
