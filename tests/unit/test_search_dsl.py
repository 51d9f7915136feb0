"""Query building without a server: user text, filters, facets, sort, validation."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from search_service.compounds import CompoundSplitter
from search_service.errors import SearchInputError
from search_service.fulltext import parse_text, text_query
from search_service.request import QuoteSearch
from search_service.search import build_quote_search


@pytest.fixture(scope="module")
def splitter() -> CompoundSplitter:
    return CompoundSplitter(frozenset({"integration", "plan", "konferenz"}))


def test_parse_words_phrases_exclusions_and_or() -> None:
    parsed = parse_text('Integrationsplan "starkes Signal" -Krieg Klose OR Walter „ganz genau“')
    assert [[(t.text, t.phrase) for t in g] for g in parsed.groups] == [
        [("Integrationsplan", False)], [("starkes Signal", True)],
        [("Klose", False), ("Walter", False)], [("ganz genau", True)]]
    assert [(t.text, t.phrase) for t in parsed.excluded] == [("Krieg", False)]
    assert parse_text("OR OR").empty and parse_text("  ").empty


def test_user_text_is_only_ever_a_match_value(splitter: CompoundSplitter) -> None:
    hostile = '"}} {"script": 1} field:value* AND (x) <script>'
    query = text_query(hostile, ["text"], ["text.exact"], splitter)
    dumped = json.dumps(query)
    assert "query_string" not in dumped and "script\": 1" not in dumped
    assert "*" not in dumped and "<" not in dumped


def test_phrases_go_to_exact_fields(splitter: CompoundSplitter) -> None:
    query = text_query('"starkes Signal"', ["text"], ["text.exact", "context.exact"], splitter)
    should = query["bool"]["must"][0]["bool"]["should"]
    assert should == [{"match_phrase": {"text.exact": "starkes Signal"}},
                      {"match_phrase": {"context.exact": "starkes Signal"}}]


def _aggs_filter(body: dict[str, Any], facet: str) -> list[Any]:
    wrapper = body["aggs"][f"facet_{facet}"]["filter"]
    return wrapper.get("bool", {}).get("filter", [])


def test_facet_filters_are_post_filters_and_skip_their_own_facet(
        splitter: CompoundSplitter) -> None:
    body = build_quote_search(QuoteSearch(speaker=("Kai Klose",), topic=("Integration",)),
                              splitter)
    speaker = {"terms": {"speaker.name.keyword": ["Kai Klose"]}}
    topic = {"terms": {"topics.raw": ["Integration"]}}
    assert body["post_filter"] == {"bool": {"filter": [topic, speaker]}} or \
        body["post_filter"] == {"bool": {"filter": [speaker, topic]}}
    assert _aggs_filter(body, "speaker") == [topic]
    assert _aggs_filter(body, "topic") == [speaker]
    assert sorted(map(json.dumps, _aggs_filter(body, "kind"))) == sorted(
        map(json.dumps, [speaker, topic]))
    assert body["query"]["bool"]["filter"] == []


def test_dates_sort_and_highlight(splitter: CompoundSplitter) -> None:
    body = build_quote_search(QuoteSearch(date_from=date(2020, 1, 1), sort="oldest",
                                          page=3, per_page=10), splitter)
    assert body["query"]["bool"]["filter"] == [
        {"range": {"date": {"gte": "2020-01-01", "format": "yyyy-MM-dd"}}}]
    assert body["sort"][0] == {"date": {"order": "asc", "missing": "_last"}}
    assert body["sort"][-1] == {"id": "asc"}  # tie-breaker for stable pages
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["encoder"] == "html"
    only = build_quote_search(QuoteSearch(undated="only"), splitter)
    assert only["query"]["bool"]["filter"] == [
        {"bool": {"must_not": [{"exists": {"field": "date"}}]}}]


def test_month_facet_only_for_one_selected_year(splitter: CompoundSplitter) -> None:
    one = build_quote_search(QuoteSearch(year=(2022,)), splitter)
    assert "month" in one["aggs"]["facet_year"]["aggs"]
    two = build_quote_search(QuoteSearch(year=(2022, 2023)), splitter)
    assert "month" not in two["aggs"]["facet_year"]["aggs"]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"per_page": 101}, "per_page"), ({"page": 0}, "page"), ({"page": 501}, "page"),
    ({"q": "x" * 501}, "q"), ({"kind": ("x",)}, "kind"), ({"speaker": ("",)}, "speaker"),
    ({"topic": ("t",) * 51}, "topic"), ({"sort": "loud"}, "sort"),
    ({"date_from": date(2020, 1, 2), "date_to": date(2020, 1, 1)}, "date_to"),
])
def test_validation_names_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(SearchInputError) as error:
        QuoteSearch(**kwargs).validate()
    assert error.value.field == field
