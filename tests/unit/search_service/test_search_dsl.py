"""Query building without a server: user text, filters, facets, sort, validation."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from search_service.compounds import CompoundSplitter
from search_service.errors import SearchInputError
from search_service.facets import QUOTE_FACETS, RELEASE_FACETS, read_facets, read_months
from search_service.fulltext import parse_text, text_query
from search_service.limits import LIMITS
from search_service.request import QuoteSearch, ReleaseSearch, SpeakerQuery
from search_service.search import build_quote_export, build_quote_search, build_release_search


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
    ({"per_page": LIMITS.per_page + 1}, "per_page"), ({"page": 0}, "page"),
    ({"page": LIMITS.result_window // LIMITS.default_per_page + 1}, "page"),
    ({"q": "x" * (LIMITS.query_length + 1)}, "q"), ({"kind": ("x",)}, "kind"),
    ({"speaker": ("",)}, "speaker"), ({"speaker": ("x" * (LIMITS.value_length + 1),)}, "speaker"),
    ({"topic": ("t",) * (LIMITS.filter_values + 1)}, "topic"), ({"sort": "loud"}, "sort"),
    ({"year": (LIMITS.max_year + 1,)}, "year"),
    ({"date_from": date(2020, 1, 2), "date_to": date(2020, 1, 1)}, "date_to"),
])
def test_validation_names_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(SearchInputError) as error:
        QuoteSearch(**kwargs).validate()
    assert error.value.field == field


def test_the_limits_themselves_are_allowed() -> None:
    QuoteSearch(q="x" * LIMITS.query_length, per_page=LIMITS.per_page,
                page=LIMITS.result_window // LIMITS.per_page,
                topic=("t",) * LIMITS.filter_values,
                year=(LIMITS.min_year, LIMITS.max_year)).validate()
    SpeakerQuery(q="x" * LIMITS.value_length, size=LIMITS.per_page).validate()
    with pytest.raises(SearchInputError):
        SpeakerQuery(size=LIMITS.per_page + 1).validate()
    assert QuoteSearch().per_page == LIMITS.default_per_page
    assert SpeakerQuery().size == LIMITS.default_speakers


def test_facet_sizes_come_from_the_limits(splitter: CompoundSplitter) -> None:
    aggs = build_quote_search(QuoteSearch(), splitter)["aggs"]
    assert aggs["facet_topic"]["aggs"]["topic"]["terms"]["size"] == LIMITS.facet_size
    assert aggs["facet_kind"]["aggs"]["kind"]["terms"]["size"] == LIMITS.kind_facet_size


def test_year_facet_owns_undated_count_and_months(splitter: CompoundSplitter) -> None:
    one = build_quote_search(QuoteSearch(year=(2022,), topic=("Integration",)), splitter)
    year = one["aggs"]["facet_year"]
    assert year["filter"] == {"bool": {"filter": [{"terms": {"topics.raw": ["Integration"]}}]}}
    assert year["aggs"]["undated"] == {"missing": {"field": "date"}}
    assert "selected" not in year["aggs"]  # a selected year shows its count, or 0
    in_2022 = {"range": {"date": {"gte": "2022-01-01", "lte": "2022-12-31",
                                  "format": "yyyy-MM-dd"}}}
    assert year["aggs"]["month"] == {
        "filter": {"bool": {"should": [in_2022], "minimum_should_match": 1}},
        "aggs": {"month": {"date_histogram": {"field": "date", "calendar_interval": "month",
                                              "format": "yyyy-MM", "min_doc_count": 1}}}}
    releases = build_release_search(ReleaseSearch(year=(2022,)), splitter)["aggs"]
    assert releases["facet_year"]["aggs"]["undated"] == {"missing": {"field": "published"}}
    assert releases["facet_year"]["aggs"]["month"]["aggs"]["month"]["date_histogram"][
        "field"] == "published"
    topic = one["aggs"]["facet_topic"]["aggs"]
    assert topic["selected"] == {"terms": {"field": "topics.raw", "include": ["Integration"],
                                           "size": 1}}


_RESPONSE: dict[str, Any] = {
    "facet_speaker": {
        "speaker": {"buckets": [
            {"key": "Kai Klose", "doc_count": 5, "ids": {"buckets": [{"key": "kai-klose"}]}}]},
        "selected": {"buckets": [{"key": "Frank Ebert", "doc_count": 2}]}},
    "facet_kind": {"kind": {"buckets": [{"key": "direct", "doc_count": 7}]}},
    "facet_year": {
        "year": {"buckets": [{"key": 0, "key_as_string": "2022", "doc_count": 4}]},
        "undated": {"doc_count": 3},
        "month": {"month": {"buckets": [{"key": 0, "key_as_string": "2022-03",
                                         "doc_count": 4}]}}},
}


def test_facets_read_their_buckets_back() -> None:
    request = QuoteSearch(speaker=("Kai Klose", "Frank Ebert", "Nobody"), year=(2022, 2019),
                          undated="only")
    facets = read_facets(QUOTE_FACETS, request, _RESPONSE)
    assert [(v.value, v.count, v.selected, v.speaker_id) for v in facets["speaker"]] == [
        ("Kai Klose", 5, True, "kai-klose"), ("Frank Ebert", 2, True, None),
        ("Nobody", 0, True, None)]
    assert [(v.value, v.count, v.selected) for v in facets["kind"]] == [("direct", 7, False)]
    assert [(v.value, v.count, v.selected) for v in facets["year"]] == [
        ("2022", 4, True), ("2019", 0, True), ("undated", 3, True)]
    assert facets["topic"] == [] and facets["publisher"] == []
    assert [(m.value, m.count) for m in read_months(QUOTE_FACETS, request, _RESPONSE)] == [
        ("2022-03", 4)]
    assert read_months(RELEASE_FACETS, request, {}) == []


def test_facets_say_which_url_arguments_select_a_value() -> None:
    facets = {facet.name: facet for facet in QUOTE_FACETS}
    args = {"speaker": ["Kai Klose"], "year": ["2022"], "q": ["Plan"]}
    assert facets["speaker"].argument("Kai Klose") == ("speaker", "Kai Klose")
    assert facets["speaker"].toggle(args, "Kai Klose") == {"speaker": []}
    assert facets["speaker"].toggle(args, "Frank Ebert") == {
        "speaker": ["Kai Klose", "Frank Ebert"]}
    assert facets["year"].toggle(args, "2022") == {"year": []}
    assert facets["year"].toggle(args, "2023") == {"year": ["2022", "2023"]}
    # "undated" is the request's undated=only, and excludes any selected year
    assert facets["year"].argument("undated") == ("undated", "only")
    assert facets["year"].toggle(args, "undated") == {"undated": ["only"], "year": []}
    assert facets["year"].toggle({"undated": ["only"]}, "undated") == {
        "undated": [], "year": []}


def test_export_query_applies_facet_selections_as_filters(splitter: CompoundSplitter) -> None:
    request = QuoteSearch(q="Plan", speaker=("Kai Klose",), year=(2022,),
                          date_from=date(2020, 1, 1), sort="newest", page=3, per_page=10)
    body = build_quote_export(request, splitter, 500)
    search = build_quote_search(request, splitter)
    assert set(body) == {"query", "sort", "size", "track_total_hits"}
    assert body["size"] == 500 and body["track_total_hits"] is False
    assert body["sort"] == search["sort"]
    assert body["query"]["bool"]["must"] == search["query"]["bool"]["must"]
    assert body["query"]["bool"]["filter"] == [
        *search["query"]["bool"]["filter"], *search["post_filter"]["bool"]["filter"]]
    plain = build_quote_export(QuoteSearch(), splitter, 3)
    assert plain["query"]["bool"]["filter"] == [] and plain["size"] == 3
