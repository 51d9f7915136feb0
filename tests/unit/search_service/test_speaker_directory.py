"""The speaker directory's query and its view of a stored identity (search_service.speakers)."""

from __future__ import annotations

import pytest

from search_service.documents import Counted, RoleSpan, Speaker, SpeakerType
from search_service.errors import SearchInputError
from search_service.limits import LIMITS
from search_service.request import SpeakerQuery
from search_service.speakers import (
    SpeakerPage,
    build_speaker_directory,
    name_query,
    name_words,
    profile_of,
)


def test_name_words_split_like_the_tokenizer() -> None:
    assert name_words("  Kor  Ste-") == ["kor", "ste"]
    assert name_words("Joseph R. Biden, Jr.") == ["joseph", "r", "biden", "jr"]
    assert name_words("Hans-Peter O'Brien") == ["hans", "peter", "o'brien"]
    assert name_words("Ülker") == ["ülker"]
    assert name_words(" ,. ") == []


def test_every_typed_word_must_start_a_word_of_the_name() -> None:
    query = name_query("Kor Stephan")
    words, printed = query["bool"]["should"]
    clauses = words["bool"]["filter"]
    assert [c["bool"]["should"][0] for c in clauses] == [
        {"prefix": {"name": {"value": "kor"}}}, {"prefix": {"name": {"value": "stephan"}}}]
    # the whole word in its German forms, capitalised for Hunspell
    assert clauses[1]["bool"]["should"][1] == {"match": {"name": {"query": "Stephan"}}}
    assert printed == {"term": {"aliases.value": {"value": "Kor Stephan",
                                                  "case_insensitive": True}}}
    assert query["bool"]["minimum_should_match"] == 1


def test_no_words_lists_everybody() -> None:
    assert name_query("") == {"match_all": {}}
    assert name_query(" - ") == {"match_all": {}}


def _keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keys(value)}
    if isinstance(node, list):
        return {k for value in node for k in _keys(value)}
    return set()


def test_user_text_is_only_ever_a_value() -> None:
    hostile = '{"script": 1} * OR name:x "wildcard" regexp'
    assert _keys(name_query(hostile)) == _keys(name_query("kai klose"))
    for clause in name_query(hostile)["bool"]["should"][0]["bool"]["filter"]:
        assert clause["bool"]["should"][0]["prefix"]["name"]["value"].isalnum()


def test_directory_body_pages_most_quoted_first() -> None:
    body = build_speaker_directory(SpeakerQuery(q="kl", size=10, page=3))
    assert body["from"] == 20 and body["size"] == 10 and body["track_total_hits"] is True
    assert body["sort"][0] == {"quote_count": "desc"}
    assert body["query"]["bool"]["filter"] == [name_query("kl")]
    assert "decisions" in body["_source"]["excludes"]


def test_directory_page_limits() -> None:
    with pytest.raises(SearchInputError) as problem:
        SpeakerQuery(page=0).validate()
    assert problem.value.field == "page"
    with pytest.raises(SearchInputError):
        SpeakerQuery(size=100, page=LIMITS.result_window // 100 + 1).validate()
    SpeakerQuery(size=100, page=LIMITS.result_window // 100).validate()
    page = SpeakerPage(total=101, page=1, size=50, items=[])
    assert page.pages == 3 and page.per_page == 50


def test_profile_of_a_stored_identity_sums_roles_and_ranks_values() -> None:
    speaker = Speaker(
        id="kai-klose", name="Kai Klose", type=SpeakerType.PERSON, quote_count=5,
        keys=["kai klose"], surnames=["klose"],
        aliases=[Counted("Klose", 1), Counted("Kai Klose", 3), Counted("Kose", 1)],
        publishers=[Counted("Ministerium", 5)],
        roles=[RoleSpan("Staatssekretär", "Ministerium", "2018-01-01", "2018-06-01", 2),
               RoleSpan("Minister", None, "2019-01-01", "2020-01-01", 1),
               RoleSpan("Staatssekretär", "Land", "2017-01-01", "2017-06-01", 2),
               RoleSpan(None, None, None, None, 7)],
        first_date="2017-01-01", last_date="2020-01-01", decisions=[])
    profile = profile_of(speaker)
    assert (profile.id, profile.name, profile.quote_count, profile.type) == (
        "kai-klose", "Kai Klose", 5, "person")
    assert [(v.value, v.count) for v in profile.aliases] == [
        ("Kai Klose", 3), ("Klose", 1), ("Kose", 1)]
    assert [(v.value, v.count) for v in profile.roles] == [
        ("Staatssekretär", 4), ("Minister", 1)]
    assert [v.value for v in profile.organizations] == ["Land", "Ministerium"]
    assert [(v.value, v.count) for v in profile.publishers] == [("Ministerium", 5)]
    assert profile.first_date == "2017-01-01"
