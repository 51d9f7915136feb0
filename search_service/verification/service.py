"""Verify a claim: retrieve candidates through the Searcher, compare, decide.

The candidates come from :meth:`search_service.search.Searcher.raw_search` (the one
place that sends searches and turns transport failures into
:class:`~search_service.errors.ElasticsearchUnavailable`); this module only needs
something with that method, so it neither imports nor talks to Elasticsearch itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from search_service.limits import LIMITS
from search_service.verification.candidates import CANDIDATE_RESPONSE, candidate_search
from search_service.verification.claims import Claim, parse_claim
from search_service.verification.compare import (
    VERDICT_ORDER,
    Comparison,
    compare,
    could_agree,
    same_speaker,
    words,
)
from search_service.verification.model import Match, VerifyRequest, VerifyResult


class QuoteSearcher(Protocol):
    """What verification needs of :class:`search_service.search.Searcher`."""

    def raw_search(self, kind: Literal["quotes"], body: dict[str, Any],
                   filter_path: Sequence[str] | None = None) -> dict[str, Any]: ...


def judge(claim: Claim, claimed_speaker: str | None, quote: dict[str, Any],
          compared: dict[str, Comparison] | None = None) -> Match:
    """``compared``: comparisons already made in this verification, by original text
    (the same statement published in several releases is aligned once)."""
    if compared is None:
        compared = {}
    comparison = compared.get(quote["text"])
    if comparison is None:
        comparison = compared[quote["text"]] = compare(claim.text, quote["text"])
    verdict, rule = comparison.verdict, comparison.rule
    speaker = quote.get("speaker") or {}
    if (verdict != "not found" and claimed_speaker
            and not same_speaker(claimed_speaker, speaker.get("name"), speaker.get("as_printed"))):
        verdict = "different speaker"
        rule = (f"{comparison.verdict}: the words are attributed to "
                f"{speaker.get('name') or 'an unnamed speaker'}, not to {claimed_speaker}")
    return Match(quote, comparison, verdict, rule)


def _ranked(matches: Iterable[Match]) -> list[Match]:
    """Best verdict first, then highest score; equal ones in candidate order."""
    return sorted(matches, key=lambda m: (VERDICT_ORDER[m.verdict], -m.comparison.score))


def verify(searcher: QuoteSearcher, request: VerifyRequest, *,
           candidates: int = LIMITS.verify_candidates) -> VerifyResult:
    """Judge up to ``candidates`` retrieved quotes; the found ones best first, else the
    three closest misses."""
    claim = parse_claim(request.text)
    claimed_speaker = request.speaker or claim.speaker_hint
    response = searcher.raw_search("quotes", candidate_search(claim, request, candidates),
                                   CANDIDATE_RESPONSE)
    hits = response.get("hits", {}).get("hits", [])  # filtered: absent when none
    compared: dict[str, Comparison] = {}
    quotes = [{**hit["_source"], "id": hit["_id"]} for hit in hits]
    # Aligned first: the candidates that share enough words to agree at all. The others
    # are "not found" whatever their alignment; they are aligned only when no candidate
    # agrees, to show the closest misses.
    claimed = words(claim.text)
    hopeful = [could_agree(claimed, str(quote["text"])) for quote in quotes]
    matches = _ranked(judge(claim, claimed_speaker, quote, compared)
                      for quote, hope in zip(quotes, hopeful, strict=True) if hope)
    found = [m for m in matches if m.verdict != "not found"]
    if not found:
        matches = _ranked(judge(claim, claimed_speaker, quote, compared) for quote in quotes)
    searched = {
        "text": claim.text,
        "speaker": claimed_speaker,
        "date_from": request.date_from.isoformat() if request.date_from else None,
        "date_to": request.date_to.isoformat() if request.date_to else None,
        "candidates_compared": len(hits),
    }
    verdict = found[0].verdict if found else "not found"
    return VerifyResult(claim, claimed_speaker, verdict, found or matches[:3], searched)
