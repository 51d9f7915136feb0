from __future__ import annotations

import json
from typing import Any

import pytest

from search_service.compounds import CompoundSplitter
from search_service.queries import (
    FOLDED_BOOST,
    MAX_WORDS,
    fuzziness,
    german_text_query,
    open_spellings,
    query_words,
    word_clause,
)

SPLITTER = CompoundSplitter(frozenset({"integration", "konferenz"}))


def test_words_drop_syntax() -> None:
    words = query_words('"Hessen" -OR {"script": 1} a*b')
    assert words == ["Hessen", "OR", "script", "1", "a", "b"]


def _keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def test_user_text_only_appears_as_match_values() -> None:
    query = german_text_query('{"script": {"source": "x"}} match_all', ["body"], SPLITTER)
    assert _keys(query) <= {"bool", "must", "should", "minimum_should_match", "multi_match",
                            "query", "fields", "type", "match", "compound_parts", "operator",
                            "folded", "boost", "fuzziness", "prefix_length", "max_expansions"}
    values = [c["bool"]["should"][0]["multi_match"]["query"] for c in query["bool"]["must"]]
    assert values == ["Script", "Source", "X", "Match", "All"]


def test_each_word_also_matches_its_compound_parts() -> None:
    clause = german_text_query("integrationskonferenz", ["body"], SPLITTER)["bool"]["must"][0]
    assert clause["bool"]["should"][1] == {
        "match": {"compound_parts": {"query": "Integration Konferenz", "operator": "and"}}}


def test_empty_text_matches_all_and_long_text_is_capped() -> None:
    assert german_text_query(" ,; ", ["body"], SPLITTER) == {"match_all": {}}
    long_query = german_text_query("wort " * 500, ["body"], SPLITTER)
    assert len(long_query["bool"]["must"]) == MAX_WORDS


# Typo tolerance and search forms ------------------------------------------------------

FULL = CompoundSplitter(frozenset({"integration", "konferenz", "stadt", "sport", "platz"}),
                        frozenset({"integration", "konferenz", "stadt", "sport", "platz"}),
                        frozenset({"konferenz", "stadt", "sport", "platz"}))


@pytest.mark.parametrize(("word", "edits"), [
    ("Giff", 0),  # four letters or fewer
    ("Stadt", 0), ("Konferenzen", 0),  # known to the dictionary, inflected too
    ("Giffei", 1), ("Badenbrg", 1),  # unknown, five to eight letters
    ("Kiziltepee", 2), ("Schulze-Berndt", 2),  # unknown, nine letters or more
    ("Sportplatzes", 1),  # a compound of dictionary words: one edit at most
])
def test_fuzziness_by_length_and_dictionary(word: str, edits: int) -> None:
    assert fuzziness(word, FULL) == edits


def _should(clause: dict[str, Any]) -> list[dict[str, Any]]:
    return list(clause["bool"]["should"])


def test_word_clause_exact_first_then_forms_then_fuzzy() -> None:
    should = _should(word_clause("Giffei", ["text^3"], FULL, exact_fields=["text.exact"]))
    assert should[0]["multi_match"]["query"] == "Giffei"
    assert "boost" not in should[0]["multi_match"]  # exact: full weight
    folded = [c["match"]["folded"] for c in should if "folded" in c.get("match", {})]
    assert folded[0] == {"query": "giffei", "boost": FOLDED_BOOST}
    fuzzy = folded[1]
    assert fuzzy["fuzziness"] == 1 and fuzzy["prefix_length"] >= 1
    assert fuzzy["max_expansions"] <= 50 and fuzzy["boost"] < FOLDED_BOOST < 1


def test_word_clause_without_fuzzy_or_forms() -> None:
    dumped = json.dumps(word_clause("Giffei", ["text"], FULL, fuzzy=False))
    assert "fuzziness" not in dumped and '"folded"' in dumped
    plain = json.dumps(word_clause("Giffei", ["text"], FULL, fuzzy=False, forms=False))
    assert "folded" not in plain and "fuzziness" not in plain


def test_a_compound_also_matches_written_open() -> None:
    assert open_spellings("Sportplatz", FULL) == ["Sport platz"]
    should = _should(word_clause("Sportplatz", ["text"], FULL, exact_fields=["text.exact"]))
    assert {"match_phrase": {"text.exact": {"query": "Sport platz",
                                             "boost": FOLDED_BOOST}}} in should
    assert open_spellings("Giffey", FULL) == []
