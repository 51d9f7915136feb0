"""Scoring of the relevance test set, and the set itself checked against its corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.relevance import (
    CLASSES,
    Hit,
    Query,
    QuerySetError,
    contains,
    format_table,
    judge,
    load_corpus,
    load_queries,
    normalize,
    parse_query,
    summarize,
    unpack_corpus,
    write_artifact,
)


def query(cls: str = "inflection", q: str = "Wort", kind: str = "releases",
          must: tuple[str, ...] = ("a",), none: bool = False) -> Query:
    return Query(id=f"{cls}-x", cls=cls, query=q, kind=kind, must_find=must, expect_none=none)


def release(id_: str, text: str = "") -> Hit:
    return Hit(id=id_, text=text, label=id_)


def quote(text: str, context: str = "") -> Hit:
    return Hit(id=text[:8], text=f"{text}\n{context}", quote=text, label=text[:20])


# --- text ---------------------------------------------------------------------------------

def test_normalize_drops_punctuation_and_case_but_keeps_letters() -> None:
    assert normalize("„Räume für Erholung, Geselligkeit“\nSport!") == \
        "räume für erholung geselligkeit sport"
    assert normalize("Kızıltepe  Straße") == "kızıltepe strasse"  # case folding: ß is ss
    assert normalize("Sinti*zze und Rom_nja") == "sinti zze und rom nja"


def test_contains_matches_whole_words_in_order() -> None:
    text = "Die Hinterhöfe und Innenhöfe sind Räume für Erholung, Geselligkeit, Sport."
    assert contains(text, "räume für Erholung Geselligkeit")
    assert not contains(text, "Erholung für Räume")
    assert not contains(text, "höfe und Innen")  # part of a word
    assert not contains(text, "  ")


def test_phrases_of_a_query() -> None:
    assert query(q='"Berlin steht" an „der Seite“ “der Ukraine”').phrases == \
        ["Berlin steht", "der Seite", "der Ukraine"]
    assert query(q='"unclosed phrase').phrases == ["unclosed phrase"]
    assert query(q='plain words ""').phrases == []


# --- scoring ------------------------------------------------------------------------------

def test_releases_are_matched_by_id_and_ranked() -> None:
    q = query(must=("b", "d"))
    outcome = judge(q, [release("a"), release("b"), release("c"), release("d")], total=9)
    assert outcome.ranks == (2, 4)
    assert outcome.success
    assert outcome.reciprocal_rank == 0.5


def test_every_expected_result_must_be_in_the_top_five() -> None:
    q = query(must=("a", "f"))
    hits = [release(x) for x in "abcdef"]
    outcome = judge(q, hits, total=6)
    assert outcome.ranks == (1, None)  # only the first five count
    assert not outcome.success
    assert outcome.reciprocal_rank == 1.0


def test_nothing_found_scores_zero() -> None:
    outcome = judge(query(), [], total=0)
    assert outcome.ranks == (None,)
    assert not outcome.success
    assert outcome.reciprocal_rank == 0.0
    assert outcome.phrase_ok is None


def test_quotes_are_matched_by_a_snippet_of_their_text() -> None:
    q = query(kind="quotes", must=("Die Vielfalt Kölns ist eine Quelle",))
    other = quote("Etwas anderes.", context="Die Vielfalt Kölns ist eine Quelle der Stärke")
    wanted = quote("„Die Vielfalt Kölns ist eine  Quelle der Stärke.“")
    outcome = judge(q, [other, wanted], total=2)
    assert outcome.ranks == (2,)  # the context of another quote does not count
    assert outcome.success


def test_negative_queries_succeed_only_when_nothing_is_found() -> None:
    q = query(cls="negative", q="Zwofbrankel", must=(), none=True)
    assert judge(q, [], total=0).success
    found = judge(q, [release("a")], total=1)
    assert not found.success
    assert found.reciprocal_rank is None


def test_phrase_check_looks_at_the_first_result_only() -> None:
    q = query(cls="phrase", q='"ohne Regenwasser auf dem Teller"', must=("b",))
    good = release("a", "… in Ruhe und ohne Regenwasser auf dem Teller seine Wurst …")
    bad = release("b", "Regenwasser auf dem Teller, ohne")
    assert judge(q, [good, bad], total=2).phrase_ok is True
    assert judge(q, [bad, good], total=2).phrase_ok is False
    assert judge(query(q="ohne Regenwasser"), [bad], total=1).phrase_ok is None


def test_expected_keys_replace_must_find_in_order() -> None:
    q = query(must=("https://example.org/a", "https://example.org/b"))
    outcome = judge(q, [release("id-b"), release("id-a")], total=2,
                    expected=["id-a", "id-b"])
    assert outcome.ranks == (2, 1)
    with pytest.raises(ValueError):
        judge(q, [], total=0, expected=["id-a"])


def test_summary_per_class_and_overall(tmp_path: Path) -> None:
    outcomes = [
        judge(query("inflection", must=("a",)), [release("a")], total=1),  # rr 1
        judge(query("inflection", must=("a",)), [release("b"), release("a")], total=2),  # .5
        judge(query("inflection", must=("a",)), [release("b")], total=1),  # fail, rr 0
        judge(query("negative", must=(), none=True), [], total=0),
        judge(query("phrase", q='"x y"', must=("a",)), [release("a", "y x")], total=1),
    ]
    summary = summarize(outcomes)
    assert summary["classes"]["inflection"] == {"queries": 3, "success_at_5": 0.6667,
                                                "mrr": 0.5}
    assert summary["classes"]["negative"] == {"queries": 1, "success_at_5": 1.0, "mrr": None}
    assert list(summary["classes"]) == ["inflection", "phrase", "negative"]
    assert summary["overall"] == {"queries": 5, "success_at_5": 0.8, "mrr": 0.625}
    assert summary["failed"] == ["inflection-x"]
    assert summary["phrase_violations"] == ["phrase-x"]
    table = format_table(summary)
    assert "inflection" in table and "0.67" in table and "overall" in table
    written = write_artifact(outcomes, tmp_path / "out" / "relevance.json")
    assert json.loads((tmp_path / "out" / "relevance.json").read_text()) == written
    assert written["outcomes"][1]["ranks"] == [2]


@pytest.mark.parametrize("record, message", [
    ({"id": "x", "class": "inflection", "query": "a", "kind": "releases"}, "missing"),
    ({"id": "x", "class": "nope", "query": "a", "kind": "releases", "must_find": ["u"]},
     "unknown class"),
    ({"id": "x", "class": "phrase", "query": "a", "kind": "pages", "must_find": ["u"]},
     "kind"),
    ({"id": "x", "class": "phrase", "query": "a", "kind": "quotes", "must_find": []},
     "expect_none"),
    ({"id": "x", "class": "negative", "query": "a", "kind": "quotes", "must_find": ["u"],
      "expect_none": True}, "expect_none"),
    ({"id": "x", "class": "phrase", "query": " ", "kind": "quotes", "must_find": ["u"]},
     "empty query"),
])
def test_malformed_queries_are_refused(record: dict[str, object], message: str) -> None:
    with pytest.raises(QuerySetError, match=message):
        parse_query(record)


# --- the set against its corpus (no node needed) ------------------------------------------

@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return load_corpus()


def _text(record: dict[str, object]) -> str:
    if record["corpus"] == "berlin":
        return f"{record['title']}\n{record['body']}"
    return f"{record['title']}\n{record['body_markdown']}"


def _url(record: dict[str, object]) -> str:
    return str(record.get("url") or record.get("source_url"))


def test_the_set_covers_every_class() -> None:
    queries = load_queries()
    assert len(queries) >= 60
    per_class = Counter(q.cls for q in queries)
    assert set(per_class) == set(CLASSES)
    assert min(per_class.values()) >= 5, per_class
    assert {q.kind for q in queries} == {"quotes", "releases"}


def test_the_corpus_is_small_and_from_both_sources(corpus: list[dict[str, object]]) -> None:
    sources = Counter(str(r["corpus"]) for r in corpus)
    assert 150 <= sources["berlin"] <= 250
    assert 20 <= sources["whitehouse"] <= 30
    assert len({_url(r) for r in corpus}) == len(corpus)


def test_expected_releases_and_quotes_are_in_the_corpus(corpus: list[dict[str, object]]
                                                        ) -> None:
    urls = {_url(r) for r in corpus}
    texts = [normalize(_text(r)) for r in corpus]
    for q in load_queries():
        for item in q.must_find:
            if q.kind == "releases":
                assert item in urls, (q.id, item)
            else:  # a snippet of exactly one release
                assert sum(normalize(item) in t for t in texts) == 1, (q.id, item)


def test_phrases_are_where_the_queries_say(corpus: list[dict[str, object]]) -> None:
    """A phrase query's phrase is in each expected release; a negative's reversed phrase
    is nowhere in the corpus."""
    by_url = {_url(r): _text(r) for r in corpus}
    texts = [_text(r) for r in corpus]
    for q in load_queries():
        for phrase in q.phrases:
            if q.expect_none:
                assert not any(contains(t, phrase) for t in texts), (q.id, phrase)
            elif q.kind == "releases":
                assert all(contains(by_url[u], phrase) for u in q.must_find), (q.id, phrase)
            else:
                assert any(contains(t, phrase) and any(normalize(s) in normalize(t)
                                                       for s in q.must_find)
                           for t in texts), (q.id, phrase)


def test_unpacking_splits_the_corpus_by_mapping(tmp_path: Path,
                                                corpus: list[dict[str, object]]) -> None:
    unpacked = unpack_corpus(tmp_path)
    berlin = [json.loads(line) for line in unpacked.berlin.read_text().splitlines()]
    white_house = [json.loads(line) for line in
                   unpacked.white_house.read_text().splitlines()]
    assert len(berlin) + len(white_house) == len(corpus)
    assert all("corpus" not in r and "body" in r for r in berlin)
    assert all("corpus" not in r and "body_markdown" in r for r in white_house)
