"""The candidate search: which stored quotes a claim is compared with (pure DSL).

Retrieval casts a wide net over the ``quotes`` index so that misquotes still find their
original, in two passes: a cheap first pass over the printed words (``text.exact``, in any
order) finds the quotes sharing the most words, and only its best
:data:`~search_service.limits.Limits.verify_rescore_window` are
rescored by the costly clauses - the exact words in order (a phrase with slop) and the
inflected words (``text``). Both passes add up to the score a single query of all three
clauses gave, for a fraction of its cost: the phrase and the German analysis of a long
claim touch the positions and postings of every word, in every matching quote of the
index. :mod:`search_service.verification.compare` then scores each candidate outside
Elasticsearch.

The first pass sets no minimum share of the claim's words: ranked by the words they share,
the quotes that could win come first anyway, and without a minimum the node skips the
quotes that cannot reach the best window. At 1M quotes that halved the node's CPU per
verification (33 → 18 ms) with the same verdicts for 1,074 claims (the bench's, altered
ones, fragments and word salads); only the near misses listed for claims found nowhere
differ.
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
    return {"bool": {
        "must": [{"match": {"text.exact": {"query": claim.text, "boost": 2}}}],
        "filter": filters,
    }}


def rescore(claim: Claim, window: int = LIMITS.verify_rescore_window) -> dict[str, Any]:
    """The second pass over the first pass's best ``window``: words in order, and the
    inflected words, added to the first pass's score."""
    return {"window_size": window, "query": {
        "query_weight": 1, "rescore_query_weight": 1,
        "rescore_query": {"bool": {"should": [
            {"match_phrase": {"text.exact": {"query": claim.text, "slop": 4, "boost": 4}}},
            {"match": {"text": {"query": claim.text, "minimum_should_match": "40%"}}},
        ]}}}}


# The fields of a candidate that a verification reads (text, speaker, start and
# context_start for the span in the context) and shows (the API's and the page's match,
# the finding, ClaimReview). Its topics, keywords, publisher, cue, surroundings and the
# speaker's mention are never read: left out, a verification's 25 candidates arrive in
# about a fifth fewer bytes, each of them parsed.
CANDIDATE_FIELDS = ("text", "kind", "speaker.id", "speaker.name", "speaker.as_printed",
                    "speaker.role", "speaker.organization", "date", "release_id",
                    "release_title", "source_url", "context", "start", "context_start",
                    "language")
# Of the response, only the hits' ids and fields.
CANDIDATE_RESPONSE = ("hits.hits._id", "hits.hits._source")


def candidate_search(claim: Claim, request: VerifyRequest,
                     size: int = LIMITS.verify_candidates) -> dict[str, Any]:
    """The whole search body for the ``quotes`` index: the query, its rescoring, how
    many candidates (no total: nobody is shown how many quotes share a word, and without
    it the first pass may skip quotes that cannot reach the best ``size``) and their
    :data:`CANDIDATE_FIELDS`."""
    return {"query": candidate_query(claim, request), "rescore": rescore(claim),
            "size": size, "track_total_hits": False,
            "_source": {"includes": list(CANDIDATE_FIELDS)}}
