"""The relevance test set on the real node (issue 13, point 5).

The corpus of ``tests/fixtures/relevance/`` is indexed once, into indices of its own,
through ``index_sources``; every query goes through ``Searcher``. Two halves run on it:

* ``queries.jsonl``, the *dev* half, visible while the search was improved: its success@5
  must stay >= 0.95 and no phrase query may put a result without the phrase first;
* ``queries-test.jsonl``, the *test* half, written blind by reading the releases: only
  reported, never tuned on; nothing about its scores is asserted.

The per-class success@5 and MRR are printed and written to ``tests/artifacts/relevance.json``
and ``relevance-test.json`` (see ``tests/relevance.py`` for the definitions).
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
    Outcome,
    format_table,
    index_corpus,
    load_corpus,
    load_queries,
    run_queries,
    summarize,
    write_artifact,
)

MIN_SUCCESS_AT_5 = 0.95
TEST_QUERIES = FIXTURES / "queries-test.jsonl"
TEST_ARTIFACT: Path = ARTIFACT.with_name("relevance-test.json")


@pytest.fixture(scope="module")
def relevance_names(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
                    ) -> Iterator[IndexNames]:
    names = IndexNames(f"{settings.index_prefix}-relevance-{secrets.token_hex(3)}")
    ensure_indices(es, names)
    try:
        index_corpus(es, names, splitter)
        yield names
    finally:
        delete_all(es, names)


@pytest.fixture(scope="module")
def outcomes(es: Elasticsearch, relevance_names: IndexNames, splitter: CompoundSplitter
             ) -> list[Outcome]:
    """Every query's outcome; the artifact is written before any assertion can fail."""
    results = run_queries(Searcher(es, relevance_names, splitter), load_queries())
    write_artifact(results)
    return results


def test_the_corpus_and_the_queries_are_all_there(es: Elasticsearch,
                                                   relevance_names: IndexNames) -> None:
    count = es.count(index=relevance_names.alias("releases"))["count"]
    assert count == len(load_corpus())
    assert len(load_queries()) >= 60


def test_success_at_5(outcomes: list[Outcome], capsys: pytest.CaptureFixture[str]) -> None:
    summary = summarize(outcomes)
    with capsys.disabled():
        print(f"\nRelevance test set (top {summary['k']}), written to {ARTIFACT}:")
        print(format_table(summary))
    overall = summary["overall"]["success_at_5"]
    assert overall >= MIN_SUCCESS_AT_5, (
        f"success@5 is {overall:.2f} (< {MIN_SUCCESS_AT_5}); failed: "
        + "; ".join(f"{o.query.id} {o.query.query!r} -> {list(o.top)[:3]}"
                    for o in outcomes if not o.success))


def test_phrase_queries_put_the_phrase_first(outcomes: list[Outcome]) -> None:
    """A query with an "exact phrase" must not return a first result without it."""
    violations = [o for o in outcomes if o.query.phrases and o.phrase_ok is False]
    assert not violations, "; ".join(f"{o.query.id} {o.query.query!r} -> {o.top[0]}"
                                     for o in violations)
    # the phrase class must have been checked at all
    assert any(o.phrase_ok for o in outcomes if o.query.cls == "phrase")


def test_the_held_out_half_is_scored_and_reported(
        es: Elasticsearch, relevance_names: IndexNames, splitter: CompoundSplitter,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The test half: reported, never tuned on; it fails only if a query was not scored."""
    queries = load_queries(TEST_QUERIES)
    outcomes = run_queries(Searcher(es, relevance_names, splitter), queries)
    data = write_artifact(outcomes, TEST_ARTIFACT)
    summary = summarize(outcomes)
    with capsys.disabled():
        print(f"\nRelevance set, held-out test half (top {summary['k']}), "
              f"written to {TEST_ARTIFACT}:")
        print(format_table(summary))
    assert len(outcomes) == len(queries) == len(data["outcomes"])
    assert summary["overall"]["queries"] == len(queries)
