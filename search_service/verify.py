"""Quote verification against the index: retrieve candidates, compare, decide.

Retrieval casts a wide net over the ``quotes`` index (exact words with slop,
exact words in any order, inflected words) so that misquotes still find their
original; the pure comparison in :mod:`search_service.verification` then scores
each candidate outside Elasticsearch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from elasticsearch import Elasticsearch

from search_service.indices import IndexNames
from search_service.verification import (
    VERDICT_ORDER,
    Claim,
    Comparison,
    compare,
    parse_claim,
    same_speaker,
)

CANDIDATES = 25
MAX_CLAIM_CHARS = 5000
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@dataclass(frozen=True)
class VerifyRequest:
    text: str
    speaker: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Match:
    quote: dict[str, Any]
    comparison: Comparison
    verdict: str
    rule: str
    finding: str

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


def finding(quote: dict[str, Any], comparison: Comparison) -> str:
    """A ready-to-paste sentence: when, who, the original words, the source."""
    speaker = (quote.get("speaker") or {}).get("name")
    text = quote["text"]
    if comparison.verdict == "fragment" and comparison.span:
        text = text[comparison.span[0]:comparison.span[1]]
    source = quote.get("source_url") or quote.get("release_title") or "unbekannte Quelle"
    when = quote.get("date")
    if quote.get("language") == "en":
        who = speaker or "An unnamed speaker"
        on = f"On {_english_date(when)}, " if when else "Undated: "
        return f"{on}{who} said: “{text}” (source: {source})"
    who = speaker or "Eine nicht genannte Person"
    if when:
        return f"Am {_german_date(when)} sagte {who}: „{text}“ (Quelle: {source})"
    return f"{who} sagte (undatiert): „{text}“ (Quelle: {source})"


def _german_date(value: str) -> str:
    parts = value.split("-")
    return ".".join(reversed(parts)) if len(parts) == 3 else value


def _english_date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3:
        return f"{MONTHS_EN[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    return value


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
    return Match(quote, comparison, verdict, rule, finding(quote, comparison))


def verify(client: Elasticsearch, names: IndexNames, request: VerifyRequest,
           *, candidates: int = CANDIDATES) -> VerifyResult:
    claim = parse_claim(request.text)
    claimed_speaker = request.speaker or claim.speaker_hint
    response = client.search(index=names.alias("quotes"), query=candidate_query(claim, request),
                              size=candidates)
    hits = response["hits"]["hits"]
    compared: dict[str, Comparison] = {}
    matches = [judge(claim, claimed_speaker, {**hit["_source"], "id": hit["_id"]}, compared)
               for hit in hits]
    matches.sort(key=lambda m: (VERDICT_ORDER[m.verdict], -m.comparison.score))
    found = [m for m in matches if m.verdict != "not found"]
    searched = {
        "text": claim.text,
        "speaker": claimed_speaker,
        "date_from": request.date_from.isoformat() if request.date_from else None,
        "date_to": request.date_to.isoformat() if request.date_to else None,
        "candidates_compared": len(hits),
    }
    verdict = found[0].verdict if found else "not found"
    return VerifyResult(claim, claimed_speaker, verdict, found or matches[:3], searched)


def claim_review(result: VerifyResult, *, reviewed_at: str, review_url: str | None = None
                 ) -> dict[str, Any]:
    """schema.org ClaimReview (JSON-LD) for a verification, for fact-checking tools."""
    best = result.matches[0] if result.matches and result.verdict != "not found" else None
    rating_value = {"exact": 5, "fragment": 4, "altered": 2, "different speaker": 1,
                    "not found": 1}[result.verdict]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "datePublished": reviewed_at,
        "claimReviewed": result.claim.text,
        "author": {"@type": "Organization", "name": "Wortlaut"},
        "reviewRating": {
            "@type": "Rating", "ratingValue": rating_value, "bestRating": 5,
            "worstRating": 1, "alternateName": result.verdict,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": result.claimed_speaker}
            if result.claimed_speaker else None,
            "appearance": [],
        },
    }
    if review_url:
        review["url"] = review_url
    if best is not None:
        quote = best.quote
        review["itemReviewed"]["appearance"] = [{
            "@type": "CreativeWork",
            "url": quote.get("source_url"),
            "headline": quote.get("release_title"),
            "datePublished": quote.get("date"),
            "author": {"@type": "Person", "name": (quote.get("speaker") or {}).get("name")},
            "text": quote["text"],
        }]
        review["itemReviewed"]["firstAppearance"] = review["itemReviewed"]["appearance"][0]
    return review
