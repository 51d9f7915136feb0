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


def _aggs(bodies: list[dict[str, Any]], facet: str) -> dict[str, Any]:
    """The aggregations counting ``facet``, by name, in whichever search holds them."""
    return {name.split("__", 1)[1]: agg for body in bodies
            for name, agg in body.get("aggs", {}).items() if name.startswith(f"facet_{facet}__")}


def _counting(bodies: list[dict[str, Any]], facet: str) -> dict[str, Any]:
    """The search that counts ``facet``'s values."""
    return next(body for body in bodies if f"facet_{facet}__{facet}" in body.get("aggs", {}))


def test_each_selected_facet_counts_in_its_own_search_without_its_own_filter(
        splitter: CompoundSplitter) -> None:
    bodies = build_quote_search(QuoteSearch(speaker=("Kai Klose",), topic=("Integration",)),
                                splitter)
    speaker = {"terms": {"speaker.name.keyword": ["Kai Klose"]}}
    topic = {"terms": {"topics.raw": ["Integration"]}}
    page = bodies[0]
    assert sorted(map(json.dumps, page["query"]["bool"]["filter"])) == sorted(
        map(json.dumps, [speaker, topic]))
    assert "post_filter" not in page
    assert len(bodies) == 3 and all(b["size"] == 0 for b in bodies[1:])
    assert _counting(bodies, "speaker")["query"]["bool"]["filter"] == [topic]
    assert _counting(bodies, "topic")["query"]["bool"]["filter"] == [speaker]
    assert _counting(bodies, "kind") is page  # no selection: counts the page's matches
    # A facet's own search names none of its values: the same for every value chosen,
    # so the node's request cache answers it; the selected values' counts ride along
    # with the page.
    assert "Kai Klose" not in json.dumps(_counting(bodies, "speaker"))
    assert "selected" in _aggs([page], "speaker") and "selected" in _aggs([page], "topic")


def test_a_search_without_selections_is_one_search(splitter: CompoundSplitter) -> None:
    bodies = build_quote_search(QuoteSearch(q="Wohnungsbau"), splitter)
    assert len(bodies) == 1 and bodies[0]["query"]["bool"]["filter"] == []


def test_dates_sort_and_highlight(splitter: CompoundSplitter) -> None:
    body = build_quote_search(QuoteSearch(date_from=date(2020, 1, 1), sort="oldest",
                                          page=3, per_page=10), splitter)[0]
    assert body["query"]["bool"]["filter"] == [
        {"range": {"date": {"gte": "2020-01-01", "format": "yyyy-MM-dd"}}}]
    assert body["sort"][0] == {"date": {"order": "asc", "missing": "_last"}}
    # tie-breakers for stable pages: a quote's release and its place in it
    assert body["sort"][-2:] == [{"release_id": "asc"}, {"start": "asc"}]
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["encoder"] == "html"
    only = build_quote_search(QuoteSearch(undated="only"), splitter)[0]
    assert only["query"]["bool"]["filter"] == [
        {"bool": {"must_not": [{"exists": {"field": "date"}}]}}]


def test_month_facet_only_for_one_selected_year(splitter: CompoundSplitter) -> None:
    one = build_quote_search(QuoteSearch(year=(2022,)), splitter)
    assert "month" in _aggs(one, "year")
    two = build_quote_search(QuoteSearch(year=(2022, 2023)), splitter)
    assert "month" not in _aggs(two, "year")


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
    bodies = build_quote_search(QuoteSearch(), splitter)
    assert _aggs(bodies, "topic")["topic"]["terms"]["size"] == LIMITS.facet_size
    assert _aggs(bodies, "kind")["kind"]["terms"]["size"] == LIMITS.kind_facet_size


def test_year_facet_owns_undated_count_and_months(splitter: CompoundSplitter) -> None:
    one = build_quote_search(QuoteSearch(year=(2022,), topic=("Integration",)), splitter)
    year = _aggs(one, "year")
    assert _counting(one, "year")["query"]["bool"]["filter"] == [
        {"terms": {"topics.raw": ["Integration"]}}]
    assert year["undated"] == {"missing": {"field": "date"}}
    assert "selected" not in year  # a selected year shows its count, or 0
    in_2022 = {"range": {"date": {"gte": "2022-01-01", "lte": "2022-12-31",
                                  "format": "yyyy-MM-dd"}}}
    assert year["month"] == {
        "filter": {"bool": {"should": [in_2022], "minimum_should_match": 1}},
        "aggs": {"month": {"date_histogram": {"field": "date", "calendar_interval": "month",
                                              "format": "yyyy-MM", "min_doc_count": 1}}}}
    releases = _aggs(build_release_search(ReleaseSearch(year=(2022,)), splitter), "year")
    assert releases["undated"] == {"missing": {"field": "published"}}
    assert releases["month"]["aggs"]["month"]["date_histogram"]["field"] == "published"
    topic = _aggs(one, "topic")
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
    search = build_quote_search(request, splitter)[0]
    assert set(body) == {"query", "sort", "size", "track_total_hits"}
    assert body["size"] == 500 and body["track_total_hits"] is False
    assert body["sort"] == search["sort"]
    assert body["query"] == search["query"]  # the page's query holds every selection
    plain = build_quote_export(QuoteSearch(), splitter, 3)
    assert plain["query"]["bool"]["filter"] == [] and plain["size"] == 3


def test_the_answers_of_a_page_and_its_facet_searches_merge_per_facet() -> None:
    from search_service.facets import merged_aggregations

    kind, chosen, speakers = {"buckets": []}, {"buckets": [{"key": "A"}]}, {"buckets": []}
    merged = merged_aggregations([{"facet_kind__kind": kind, "facet_speaker__selected": chosen},
                                  {"facet_speaker__speaker": speakers}])
    assert merged == {"facet_kind": {"kind": kind},
                      "facet_speaker": {"selected": chosen, "speaker": speakers}}
