from __future__ import annotations

from search_service.compounds import CompoundSplitter
from search_service.queries import MAX_WORDS, german_text_query, query_words

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
                            "query", "fields", "type", "match", "compound_parts", "operator"}
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
