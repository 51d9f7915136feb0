"""The candidate search DSL: the claim only as a match value, dates as a filter."""

from __future__ import annotations

import json
from datetime import date

from search_service.limits import LIMITS
from search_service.verification.candidates import candidate_query, candidate_search, rescore
from search_service.verification.claims import Claim
from search_service.verification.model import VerifyRequest

CLAIM = Claim('Er sagte "a OR b" {"script": 1}')


def test_claim_is_only_a_match_value() -> None:
    query = candidate_query(CLAIM, VerifyRequest(CLAIM.text))
    second = rescore(CLAIM)["query"]["rescore_query"]["bool"]["should"]
    clauses = [*query["bool"]["must"], *second]
    assert [next(iter(clause)) for clause in clauses] == ["match", "match_phrase", "match"]
    assert all(next(iter(clause.values()))[field]["query"] == CLAIM.text
               for clause in clauses for field in next(iter(clause.values())))
    assert query["bool"]["filter"] == []
    # inside the query strings only
    assert json.dumps([query, second]).count("script") == len(clauses)


def test_first_pass_is_printed_words_the_costly_clauses_rescore_its_best() -> None:
    body = candidate_search(CLAIM, VerifyRequest(CLAIM.text))
    # no minimum share of the words: it kept the node from skipping hopeless quotes
    assert "minimum_should_match" not in body["query"]["bool"]["must"][0]["match"]["text.exact"]
    assert body["rescore"]["window_size"] == LIMITS.verify_rescore_window
    assert body["rescore"]["window_size"] > body["size"]
    assert body["track_total_hits"] is False


def test_date_bounds_become_a_range_filter() -> None:
    both = VerifyRequest("x", date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))
    since = VerifyRequest("x", date_from=date(2019, 1, 1))
    assert candidate_query(CLAIM, both)["bool"]["filter"] == [
        {"range": {"date": {"gte": "2019-01-01", "lte": "2019-12-31"}}}]
    assert candidate_query(CLAIM, since)["bool"]["filter"] == [
        {"range": {"date": {"gte": "2019-01-01"}}}]


def test_search_body_asks_for_the_configured_number_of_candidates() -> None:
    request = VerifyRequest(CLAIM.text)
    body = candidate_search(CLAIM, request)
    assert body["query"] == candidate_query(CLAIM, request)
    assert body["size"] == LIMITS.verify_candidates
    assert candidate_search(CLAIM, request, 3)["size"] == 3
