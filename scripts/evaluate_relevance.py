#!/usr/bin/env python3
"""Run the relevance test set (issue 13) and print success@5 and MRR per query class.

The corpus of ``tests/fixtures/relevance/`` is indexed into fresh indices (prefix
``wortlaut-relevance-<random>``, deleted afterwards) on ``WORTLAUT_ES_URL`` or, without
it, on a throwaway local node; each query of ``queries.jsonl`` goes through ``Searcher``.
The table is printed; every query's outcome is written as JSON (``--out``). The scoring is
``tests/relevance.py``, shared with ``tests/integration/test_relevance.py``.

    python scripts/evaluate_relevance.py              # table + tests/artifacts/relevance.json
    python scripts/evaluate_relevance.py -v           # and every query's top results
    python scripts/evaluate_relevance.py --class typo_name --class diacritics
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import secrets
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from search_service.client import connect  # noqa: E402
from search_service.compounds import splitter_for  # noqa: E402
from search_service.indices import IndexNames, delete_all, ensure_indices  # noqa: E402
from search_service.node.process import throwaway_node  # noqa: E402
from search_service.search import Searcher  # noqa: E402
from search_service.settings import Settings  # noqa: E402
from tests.relevance import (  # noqa: E402
    ARTIFACT,
    CLASSES,
    CORPUS,
    QUERIES,
    Outcome,
    format_table,
    index_corpus,
    load_queries,
    run_queries,
    summarize,
    write_artifact,
)


@contextlib.contextmanager
def node_url(settings: Settings) -> Iterator[str]:
    if settings.es_url:
        yield settings.es_url
        return
    with throwaway_node(settings, "relevance") as url:
        yield url


def show(outcome: Outcome) -> None:
    q = outcome.query
    mark = "ok  " if outcome.success else "FAIL"
    rr = "-" if outcome.reciprocal_rank is None else f"{outcome.reciprocal_rank:.2f}"
    print(f"{mark} {q.id:<28} rr={rr:<5} total={outcome.total:<4} {q.query}")
    for rank, label in enumerate(outcome.top, 1):
        print(f"       {rank}. {label}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ARTIFACT, help="JSON report")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--class", dest="classes", action="append", choices=CLASSES,
                        help="only this query class (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every query with its top results")
    args = parser.parse_args(argv)

    queries = load_queries(args.queries)
    if args.classes:
        queries = [q for q in queries if q.cls in args.classes]
    settings = Settings.from_env()
    with node_url(settings) as url:
        settings = dataclasses.replace(settings, es_url=url)
        client = connect(settings)
        splitter = splitter_for(settings.hunspell_dir)
        names = IndexNames(f"wortlaut-relevance-{secrets.token_hex(4)}")
        ensure_indices(client, names)
        try:
            index_corpus(client, names, splitter, args.corpus)
            outcomes = run_queries(Searcher(client, names, splitter), queries,
                                   progress=show if args.verbose else None)
        finally:
            delete_all(client, names)
    summary = summarize(outcomes)
    write_artifact(outcomes, args.out)
    print(format_table(summary))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
