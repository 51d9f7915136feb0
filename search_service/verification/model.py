"""What a verification is asked and what it answers: data only, no wording.

The answer carries the verdict, the comparison and the matched quote's stored fields;
how it is put into words (a finding sentence, ClaimReview JSON-LD) is the web layer's
business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from search_service.verification.claims import Claim
from search_service.verification.compare import Comparison


@dataclass(frozen=True)
class VerifyRequest:
    text: str
    speaker: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Match:
    """One candidate original judged against the claim.

    ``quote`` is the candidate's stored document with its ``id``; ``verdict`` and
    ``rule`` are the comparison's, unless the speaker differs from the claimed one.
    """

    quote: dict[str, Any]
    comparison: Comparison
    verdict: str
    rule: str

    @property
    def context_span(self) -> tuple[int, int] | None:
        """The matched words' span inside the quote's context paragraph."""
        span = self.comparison.span
        if span is None:
            return None
        offset = int(self.quote["start"]) - int(self.quote.get("context_start") or 0)
        return span[0] + offset, span[1] + offset


@dataclass(frozen=True)
class VerifyResult:
    claim: Claim
    claimed_speaker: str | None
    verdict: str
    matches: list[Match]
    searched: dict[str, Any] = field(default_factory=dict)
