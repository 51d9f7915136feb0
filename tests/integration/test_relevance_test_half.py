"""The held-out (test) half of the relevance set, on the real node: reported, never tuned on.

``queries.jsonl`` is the *dev* half: it was visible while the search was being improved.
``queries-test.jsonl`` was written blind, by reading the releases of the same corpus, and
is only run here to report how the search does on queries it was never tuned on. The
per-class success@5 and MRR are printed and written to
``tests/artifacts/relevance-test.json``. Nothing about the scores is asserted: this test
fails only if the set did not run or a query was not scored.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, delete_all, ensure_indices
from search_service.search import Searcher
from search_service.settings import Settings
from tests.relevance import (
    ARTIFACT,
    FIXTURES,
    format_table,
    index_corpus,
    load_corpus,
    load_queries,
    run_queries,
    summarize,
    write_artifact,
)

TEST_QUERIES = FIXTURES / "queries-test.jsonl"
TEST_ARTIFACT: Path = ARTIFACT.with_name("relevance-test.json")


@pytest.fixture(scope="module")
def relevance_names(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
                    ) -> Iterator[IndexNames]:
    names = IndexNames(f"{settings.index_prefix}-relevance-test-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    try:
        index_corpus(es, names, splitter)
        yield names
    finally:
        delete_all(es, names)


def test_the_held_out_half_is_scored_and_reported(
        es: Elasticsearch, relevance_names: IndexNames, splitter: CompoundSplitter,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert es.count(index=relevance_names.alias("releases"))["count"] == len(load_corpus())
    queries = load_queries(TEST_QUERIES)
    outcomes = run_queries(Searcher(es, relevance_names, splitter), queries)
    data = write_artifact(outcomes, TEST_ARTIFACT)
    summary = summarize(outcomes)
    with capsys.disabled():
        print(f"\nRelevance set, held-out test half (top {summary['k']}), "
              f"written to {TEST_ARTIFACT}:")
        print(format_table(summary))
    # report only: it ran, and every query was scored
    assert len(outcomes) == len(queries) == len(data["outcomes"])
    assert summary["overall"]["queries"] == len(queries)
