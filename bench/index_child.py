"""One ``index_sources`` run in its own process; prints seconds, counts and peak RSS as JSON.

    python -m bench.index_child URL PREFIX [--rebuild] [--prebuilt] INPUT
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from search_service import indices
from search_service.client import connect
from search_service.indices import IndexNames
from search_service.loading import IndexWriter
from search_service.settings import Settings


class CheckEveryRelease(IndexWriter):
    """IndexWriter as before tuning: no release counts as new, so every batch is checked."""

    def _bulk(self, pending: Any, origins: dict[str, str]) -> set[str]:
        super()._bulk(pending, origins)
        return set()


def _documents(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("prefix")
    parser.add_argument("input", type=Path)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--prebuilt", action="store_true",
                        help="feed pre-built documents to IndexWriter (no extraction)")
    parser.add_argument("--check-every-release", action="store_true",
                        help="the behaviour before tuning: stale-quote check (refresh + "
                             "search) for every batch, also for releases new in this run")
    parser.add_argument("--foreground", action="store_true",
                        help="the behaviour before tuning: batches written in the caller's "
                             "thread, so extraction waits for every bulk request")
    parser.add_argument("--translog-per-request", action="store_true",
                        help="the behaviour before tuning: rebuild indices fsync the "
                             "translog on every bulk request")
    args = parser.parse_args()
    if args.foreground:
        import indexer.run
        import search_service.loading

        indexer.run.IndexWriter = functools.partial(  # type: ignore[misc]
            search_service.loading.IndexWriter, background=False)
    if args.translog_per_request:
        import search_service.loading

        def create_index(client: Any, names: IndexNames, kind: Any, **options: Any) -> str:
            index = indices.create_index(client, names, kind, **options)
            client.indices.put_settings(index=index,
                                        settings={"translog": {"durability": "request"}})
            return index

        search_service.loading.create_index = create_index  # type: ignore[assignment]
    settings = Settings.from_env({"WORTLAUT_ES_URL": args.url, "WORTLAUT_ES_TIMEOUT": "120"})
    client = connect(settings)
    names = IndexNames(args.prefix)
    from indexer.run import index_sources  # import time is start-up, as for the raw run
    from search_service.compounds import splitter_for

    started = time.perf_counter()
    if args.prebuilt:
        writer = (CheckEveryRelease if args.check_every_release else IndexWriter)(
            client, names, rebuild=args.rebuild)
        for doc in _documents(args.input):
            writer.add(doc["release"], doc["quotes"])
        writer.commit()
        releases, quotes, errors = writer.stats.releases, writer.stats.quotes, writer.stats.errors
    else:
        summary = index_sources([str(args.input)], client, names,
                                splitter_for(settings.hunspell_dir), rebuild=args.rebuild)
        releases, quotes, errors = summary.releases, summary.quotes, summary.failed
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "releases": releases, "quotes": quotes,
                      "errors": len(errors), "peak_rss_kib": peak_kib}))


if __name__ == "__main__":
    main()
