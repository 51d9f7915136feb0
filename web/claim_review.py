"""A verification as schema.org ClaimReview (JSON-LD), for fact-checking tools."""

from __future__ import annotations

from typing import Any

from search_service.verification import VerifyResult

RATINGS = {"exact": 5, "fragment": 4, "altered": 2, "different speaker": 1, "not found": 1}
"""``reviewRating.ratingValue`` per verdict, 1 (worst) to 5 (best)."""


def claim_review(result: VerifyResult, *, reviewed_at: str, review_url: str | None = None
                 ) -> dict[str, Any]:
    """schema.org ClaimReview (JSON-LD) for a verification, for fact-checking tools."""
    best = result.matches[0] if result.matches and result.verdict != "not found" else None
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "datePublished": reviewed_at,
        "claimReviewed": result.claim.text,
        "author": {"@type": "Organization", "name": "Wortlaut"},
        "reviewRating": {
            "@type": "Rating", "ratingValue": RATINGS[result.verdict], "bestRating": 5,
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
