"""The search syntax as DSL: typo tolerance only for plain words, never inside "phrases" or
for -excluded words; the highlighter never sees a fuzzy query."""

from __future__ import annotations

import json
from typing import Any

from search_service.compounds import CompoundSplitter
from search_service.fulltext import (
    has_near_spellings,
    highlight_query,
    positive_spans,
    text_query,
)
from search_service.request import QuoteSearch
from search_service.search import build_quote_search

SPLITTER = CompoundSplitter(frozenset({"integration", "konferenz"}))
FIELDS, EXACT = ["text^3", "context"], ["text.exact", "context.exact"]


def _fuzzy_values(node: Any) -> list[str]:
    """The query values of every clause with ``fuzziness``."""
    if isinstance(node, dict):
        if "fuzziness" in node:
            return [str(node["query"])]
        return [v for value in node.values() for v in _fuzzy_values(value)]
    if isinstance(node, list):
        return [v for value in node for v in _fuzzy_values(value)]
    return []


def test_fuzzy_only_for_plain_positive_words() -> None:
    query = text_query('Giffei "Franziska Giffei" -Kiziltepa Kloose OR Wegnerr', FIELDS, EXACT,
                       SPLITTER)
    assert sorted(_fuzzy_values(query)) == ["giffei", "kloose", "wegnerr"]
    assert _fuzzy_values(query["bool"]["must_not"]) == []  # never for an exclusion
    phrase = query["bool"]["must"][1]
    assert phrase == {"bool": {"should": [
        {"match_phrase": {"text.exact": "Franziska Giffei"}},
        {"match_phrase": {"context.exact": "Franziska Giffei"}}], "minimum_should_match": 1}}


def test_exclusions_still_exclude_other_spellings() -> None:
    query = text_query("Integration -Kızıltepe", FIELDS, EXACT, SPLITTER)
    assert '"kiziltepe"' in json.dumps(query["bool"]["must_not"])


def test_the_highlighter_sees_no_fuzzy_or_folded_clause() -> None:
    marks = highlight_query('Giffei "starkes Signal" -Krieg', FIELDS, EXACT, SPLITTER)
    dumped = json.dumps(marks)
    assert marks is not None and "fuzziness" not in dumped and "folded" not in dumped
    assert "Krieg" not in dumped and "starkes Signal" in dumped
    assert highlight_query("-Krieg", FIELDS, EXACT, SPLITTER) is None
    body = build_quote_search(QuoteSearch(q="Giffei"), SPLITTER, typo_tolerant=True)[0]
    assert _fuzzy_values(body["query"]) == ["giffei"]
    assert _fuzzy_values(body["highlight"]) == []


def test_typo_tolerance_only_on_the_second_try() -> None:
    """The first try of a search has no fuzzy clause: a search that finds enough never pays
    for near spellings (Searcher tries again with them only when it finds little)."""
    assert _fuzzy_values(build_quote_search(QuoteSearch(q="Giffei"), SPLITTER)) == []
    assert _fuzzy_values(text_query("Giffei", FIELDS, EXACT, SPLITTER,
                                    typo_tolerant=False)) == []
    assert has_near_spellings("Giffei Integration", SPLITTER)
    assert not has_near_spellings('"Giffei" -Kiziltepe Integration', SPLITTER)


def test_positive_spans() -> None:
    text = 'Giffei "Sportplatz neu" -Krieg OR Radwege-Netz'
    assert [text[a:b] for a, b in positive_spans(text)] == ["Giffei", "Radwege-Netz"]
