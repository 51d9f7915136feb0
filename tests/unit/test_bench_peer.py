"""bench.peer: Wortlaut workload items as the Datasette requests that ask the same."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from bench.peer import datasette_request, fts5_phrase


def _item(kind: str, query: dict[str, str]) -> dict[str, object]:
    return {"kind": kind, "api": ("GET", "/api/v1/quotes?" + urllib.parse.urlencode(query), None)}


def _params(request: dict[str, object] | None) -> dict[str, list[str]]:
    assert request is not None and request["method"] == "GET" and request["body"] is None
    path, query = str(request["path"]).split("?", 1)
    assert path == "/wortlaut/quotes.json"
    return urllib.parse.parse_qs(query)


def test_full_text_searches_escaped_with_facets_page_and_newest_first() -> None:
    params = _params(datasette_request(_item("fulltext", {"q": "Verkehrswende"})))
    assert params["_search"] == ["Verkehrswende"] and "_searchmode" not in params
    assert params["_facet"] == ["speaker", "publisher", "year"]
    assert params["_facet_array"] == ["topics"]
    assert (params["_size"], params["_facet_size"], params["_sort_desc"]) == (
        ["20"], ["50"], ["date"])


def test_phrase_is_an_fts5_phrase_in_raw_mode() -> None:
    params = _params(datasette_request(_item("phrase", {"q": '"im Straßenverkehr ist"'})))
    assert params["_search"] == ['"im Straßenverkehr ist"']
    assert params["_searchmode"] == ["raw"]
    assert fts5_phrase('sagte "nein" dazu') == '"sagte ""nein"" dazu"'


def test_filters_become_column_filters_and_a_topic_lookup() -> None:
    assert _params(datasette_request(_item("filter", {"speaker": "Klaus Lederer"})))[
        "speaker__exact"] == ["Klaus Lederer"]
    assert _params(datasette_request(_item("filter", {"year": "2017"})))["year__exact"] == [
        "2017"]
    through = _params(datasette_request(_item("filter", {"topic": "Verkehr"})))["_through"]
    assert json.loads(through[0]) == {"table": "quote_topics", "column": "topic",
                                      "value": "Verkehr"}
    array = _params(datasette_request(_item("filter", {"topic": "Verkehr"}),
                                      topic_filter="array"))
    assert array["topics__arraycontains"] == ["Verkehr"] and "_search" not in array


def test_verify_has_no_equivalent_and_unknown_arguments_are_refused() -> None:
    verify = {"kind": "verify", "api": ("POST", "/api/v1/verify", {"text": "x"})}
    assert datasette_request(verify) is None
    with pytest.raises(ValueError, match="kind"):
        datasette_request(_item("filter", {"kind": "direct"}))
