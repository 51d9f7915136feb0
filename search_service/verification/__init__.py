"""Quote verification: did they really say it?

- :mod:`.claims`: a pasted claim split into the quoted words and the speaker named;
- :mod:`.compare`: the pure word comparison (score, diff, verdict, same speaker);
- :mod:`.candidates`: the pure candidate search DSL;
- :mod:`.model`: the request and result data;
- :mod:`.service`: :func:`verify`, candidates through the Searcher, judged.

The package returns data only (verdicts, comparisons, the matched quotes' fields) and
imports no Elasticsearch client; wording it (finding sentences, ClaimReview) is done in
:mod:`web`.
"""

from __future__ import annotations

from search_service.verification.candidates import candidate_query, candidate_search
from search_service.verification.claims import Claim, parse_claim
from search_service.verification.compare import (
    ALTERED_MIN,
    MIN_FRAGMENT_WORDS,
    VERDICT_ORDER,
    Comparison,
    DiffOp,
    compare,
    same_speaker,
    word_spans,
    words,
)
from search_service.verification.model import Match, VerifyRequest, VerifyResult
from search_service.verification.service import QuoteSearcher, judge, verify

__all__ = [
    "ALTERED_MIN",
    "MIN_FRAGMENT_WORDS",
    "VERDICT_ORDER",
    "Claim",
    "Comparison",
    "DiffOp",
    "Match",
    "QuoteSearcher",
    "VerifyRequest",
    "VerifyResult",
    "candidate_query",
    "candidate_search",
    "compare",
    "judge",
    "parse_claim",
    "same_speaker",
    "verify",
    "word_spans",
    "words",
]
