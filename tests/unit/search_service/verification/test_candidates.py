"""The candidate search DSL: the claim only as a match value, dates as a filter."""

from __future__ import annotations

import json
from datetime import date

from search_service.limits import LIMITS
from search_service.verification.candidates import candidate_query, candidate_search
from search_service.verification.claims import Claim
from search_service.verification.model import VerifyRequest

CLAIM = Claim('Er sagte "a OR b" {"script": 1}')


def test_claim_is_only_a_match_value() -> None:
    query = candidate_query(CLAIM, VerifyRequest(CLAIM.text))
    should = query["bool"]["should"]
    assert [next(iter(clause)) for clause in should] == ["match_phrase", "match", "match"]
    assert all(next(iter(clause.values()))[field]["query"] == CLAIM.text
               for clause in should for field in next(iter(clause.values())))
    assert query["bool"]["filter"] == [] and query["bool"]["minimum_should_match"] == 1
    assert json.dumps(query).count("script") == len(should)  # inside the query strings only


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
    assert body == {"query": candidate_query(CLAIM, request), "size": LIMITS.verify_candidates}
    assert candidate_search(CLAIM, request, 3)["size"] == 3
