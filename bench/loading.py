"""Loading: ``index_sources`` end to end, ``IndexWriter`` alone, and the raw bulk helper.

Every mode loads the same documents into fresh indices; docs/s counts releases plus
quotes. The raw baseline is what a user of the Python client would write: create the
indices with Wortlaut's mappings, ``helpers.bulk`` the pre-built documents, refresh.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from bench.common import ROOT, Spread
from search_service.indices import KINDS, IndexNames, create_index, delete_all, swap_alias


def warm_up(client: Elasticsearch) -> None:
    """Create and drop one index, so the node has loaded the Hunspell dictionary before
    any timed run (the first index using it pays that once per node)."""
    names = IndexNames(f"bench-warm-{secrets.token_hex(3)}")
    for kind in KINDS:
        create_index(client, names, kind)
    delete_all(client, names)


def raw_actions(docs: Path, targets: dict[str, str]) -> Iterator[dict[str, Any]]:
    with docs.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            release = doc["release"]
            yield {"_index": targets["releases"], "_id": release["id"], "_source": release}
            for quote in doc["quotes"]:
                yield {"_index": targets["quotes"], "_id": quote["id"], "_source": quote}


def raw_load(client: Elasticsearch, names: IndexNames, docs: Path) -> dict[str, Any]:
    started = time.perf_counter()
    targets = {kind: create_index(client, names, kind) for kind in KINDS}
    loaded, _ = bulk(client, raw_actions(docs, targets), chunk_size=500)
    client.indices.refresh(index=list(targets.values()))
    seconds = time.perf_counter() - started
    for kind, index in targets.items():
        swap_alias(client, names, kind, index)
    return {"seconds": seconds, "docs": int(loaded)}


def child_load(url: str, names: IndexNames, source: Path, *, rebuild: bool,
               prebuilt: bool, flags: tuple[str, ...] = ()) -> dict[str, Any]:
    """One ``bench.index_child`` run (its own process, so its peak RSS is its own)."""
    command = [sys.executable, "-m", "bench.index_child", url, names.prefix, str(source)]
    command += ["--rebuild"] * rebuild + ["--prebuilt"] * prebuilt + list(flags)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"index run failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["docs"] = result["releases"] + result["quotes"]
    return result


def measure(client: Elasticsearch, url: str, corpus: Path, docs: Path, runs: int,
            modes: list[tuple[str, bool, bool, tuple[str, ...]]]) -> dict[str, Any]:
    """docs/s per mode, median of ``runs``; each run on fresh indices, deleted after.
    One raw load runs first, untimed: the first bulk load a node serves ran at about 55 %
    of the rate of the next ones (1,008 / 887 / 1,053 against about 1,800 docs/s in three
    quick runs), and with three runs that one slow run moved the median the ratios rest on."""
    results: dict[str, Any] = {}
    names = IndexNames(f"bench-load-{secrets.token_hex(3)}")
    try:
        raw_load(client, names, docs)
    finally:
        delete_all(client, names)
    for label, rebuild, prebuilt, flags in [("raw bulk helper", False, True, ()), *modes]:
        rates, peaks, count = [], [], 0
        for _ in range(runs):
            names = IndexNames(f"bench-load-{secrets.token_hex(3)}")
            try:
                if label == "raw bulk helper":
                    run = raw_load(client, names, docs)
                else:
                    run = child_load(url, names, docs if prebuilt else corpus,
                                     rebuild=rebuild, prebuilt=prebuilt, flags=flags)
                    peaks.append(run["peak_rss_kib"] / 1024)
            finally:
                delete_all(client, names)
            rates.append(run["docs"] / run["seconds"])
            count = run["docs"]
        results[label] = {"docs_per_s": Spread.of(rates), "docs": count,
                          "peak_rss_mib": Spread.of(peaks) if peaks else None}
    return results
