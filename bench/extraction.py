"""Extraction speed: releases/s and MB/s, one process on one core, and all cores.

Also writes the pre-built documents (what ``wortlaut index`` would send) that the raw
Elasticsearch baseline loads.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import Spread, repeat


def _extractor() -> Any:
    from indexer.run import Extractor
    from search_service.compounds import splitter_for
    from search_service.settings import Settings

    return Extractor(splitter_for(Settings.from_env().hunspell_dir))


_EXTRACTOR: Any = None


def _init(one_core: bool) -> None:
    """Pool initializer: pin to one core if asked, load the dictionary once per process."""
    global _EXTRACTOR
    if one_core:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    _EXTRACTOR = _extractor()


def _extract_file(path: str) -> int:
    from indexer.run import Extracted, RunSummary

    return sum(isinstance(item, Extracted) for item in _EXTRACTOR.run([path], RunSummary()))


def _ready(_: int) -> None:
    return None


def shards(corpus: Path, count: int) -> list[Path]:
    """The corpus split round-robin into ``count`` files (cached beside it)."""
    paths = [corpus.with_name(f"{corpus.stem}.shard{i}of{count}.jsonl") for i in range(count)]
    if not all(p.exists() for p in paths):
        handles = [p.open("w", encoding="utf-8") for p in paths]
        with corpus.open(encoding="utf-8") as source:
            for number, line in enumerate(source):
                handles[number % count].write(line)
        for handle in handles:
            handle.close()
    return paths


def measure(corpus: Path, runs: int) -> dict[str, Any]:
    megabytes = corpus.stat().st_size / 1e6
    cores = len(os.sched_getaffinity(0))
    parts = [str(p) for p in shards(corpus, cores * 2)]
    context = multiprocessing.get_context("spawn")
    releases = 0

    def timed(pool: Any, paths: list[str]) -> float:
        """Seconds for the pool's processes (already started, dictionary loaded) to
        extract ``paths``; process start-up is not counted."""
        nonlocal releases
        started = time.perf_counter()
        releases = sum(pool.map(_extract_file, paths, chunksize=1))
        return time.perf_counter() - started

    with context.Pool(1, _init, (True,)) as pool:
        pool.map(_ready, range(1))
        one = repeat(runs, lambda: timed(pool, [str(corpus)]))
    with context.Pool(cores, _init, (False,)) as pool:
        pool.map(_ready, range(cores * 4))
        every = repeat(runs, lambda: timed(pool, parts))

    def rates(seconds: Spread) -> dict[str, Any]:
        per_s = Spread(releases / seconds.median, releases / seconds.high,
                       releases / seconds.low, seconds.runs)
        mb_s = Spread(megabytes / seconds.median, megabytes / seconds.high,
                      megabytes / seconds.low, seconds.runs)
        return {"releases_per_s": per_s, "mb_per_s": mb_s, "seconds": seconds}

    return {"releases": releases, "megabytes": round(megabytes, 2), "cores": cores,
            "one_core": rates(one), "all_cores": rates(every)}


def _write_documents(paths: tuple[str, str]) -> int:
    """Pool task: the documents of one shard (``paths``: input, output); releases written."""
    from indexer.run import Extracted, RunSummary

    source, target = paths
    written = 0
    with open(target, "w", encoding="utf-8") as handle:
        for item in _EXTRACTOR.run([source], RunSummary()):
            if isinstance(item, Extracted):
                release, quotes = item.sources()
                handle.write(json.dumps({"release": release, "quotes": quotes},
                                        ensure_ascii=False) + "\n")
                written += 1
    return written


def prebuilt(corpus: Path, processes: int | None = None) -> Path:
    """The documents ``index_sources`` builds for ``corpus``, one JSON per line, made by
    ``processes`` extractor processes (default: one per core) over shards of the corpus.
    Cached beside the corpus under the fingerprint of the corpus and the indexer's code, so
    a change to the extraction rules or mappings makes them anew."""
    from indexer.manifest import inputs_fingerprint

    out = corpus.with_name(f"{corpus.stem}.docs-{inputs_fingerprint([str(corpus)])[:12]}.jsonl")
    if out.exists():
        return out
    count = processes or len(os.sched_getaffinity(0))
    parts = shards(corpus, count)
    outputs = [part.with_suffix(".docs.tmp") for part in parts]
    with multiprocessing.get_context("spawn").Pool(count, _init, (False,)) as pool:
        pool.map(_write_documents, [(str(a), str(b)) for a, b in zip(parts, outputs,
                                                                      strict=True)])
    tmp = out.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        for part in outputs:
            with part.open("rb") as source:
                shutil.copyfileobj(source, handle)
            part.unlink()
    tmp.rename(out)
    for stale in corpus.parent.glob(f"{corpus.stem}.docs*.jsonl"):
        if stale != out:  # documents of older code: never read again
            stale.unlink()
    return out
