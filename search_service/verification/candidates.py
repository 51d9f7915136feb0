"""The candidate search: which stored quotes a claim is compared with (pure DSL).

Retrieval casts a wide net over the ``quotes`` index (exact words with slop, exact
words in any order, inflected words) so that misquotes still find their original;
:mod:`search_service.verification.compare` then scores each candidate outside
Elasticsearch.
"""

from __future__ import annotations

from typing import Any

from search_service.limits import LIMITS
from search_service.verification.claims import Claim
from search_service.verification.model import VerifyRequest


def candidate_query(claim: Claim, request: VerifyRequest) -> dict[str, Any]:
    """Query DSL for candidates; the claim only ever appears as a ``match`` value."""
    filters: list[dict[str, Any]] = []
    if request.date_from or request.date_to:
        bounds = {}
        if request.date_from:
            bounds["gte"] = request.date_from.isoformat()
        if request.date_to:
            bounds["lte"] = request.date_to.isoformat()
        filters.append({"range": {"date": bounds}})
    return {
        "bool": {
            "should": [
                {"match_phrase": {"text.exact": {"query": claim.text, "slop": 4,
                                                 "boost": 4}}},
                {"match": {"text.exact": {"query": claim.text,
                                          "minimum_should_match": "50%", "boost": 2}}},
                {"match": {"text": {"query": claim.text, "minimum_should_match": "40%"}}},
            ],
            "minimum_should_match": 1,
            "filter": filters,
        }
    }


def candidate_search(claim: Claim, request: VerifyRequest,
                     size: int = LIMITS.verify_candidates) -> dict[str, Any]:
    """The whole search body for the ``quotes`` index: the query and how many candidates."""
    return {"query": candidate_query(claim, request), "size": size}
