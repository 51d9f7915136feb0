"""schema.org ClaimReview (JSON-LD) for a verification result."""

from __future__ import annotations

import json

from search_service.verification import Claim, Match, VerifyResult, compare
from web.claim_review import RATINGS, claim_review

ORIGINAL = "In Hessen richtet sich Integrationspolitik an alle Menschen"
CLAIM = "In Hessen richtet sich Integrationspolitik an alle Bürger"
QUOTE = {"id": "q1", "text": ORIGINAL, "speaker": {"name": "Kai Klose"}, "date": "2018-06-14",
         "source_url": "https://example.org/pm", "release_title": "Integrationskonferenz",
         "start": 0}


def result(verdict: str, speaker: str | None = "Kai Klose") -> VerifyResult:
    comparison = compare(CLAIM, ORIGINAL)
    return VerifyResult(Claim(CLAIM), speaker, verdict,
                        [Match(QUOTE, comparison, verdict, comparison.rule)])


def test_altered_claim_review() -> None:
    review = json.loads(json.dumps(claim_review(result("altered"), reviewed_at="2026-11-25")))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["datePublished"] == "2026-11-25" and review["claimReviewed"] == CLAIM
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 2, "bestRating": 5,
                                      "worstRating": 1, "alternateName": "altered"}
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Kai Klose"}
    appearance = review["itemReviewed"]["appearance"][0]
    assert appearance == {"@type": "CreativeWork", "url": "https://example.org/pm",
                          "headline": "Integrationskonferenz", "datePublished": "2018-06-14",
                          "author": {"@type": "Person", "name": "Kai Klose"},
                          "text": ORIGINAL}
    assert review["itemReviewed"]["firstAppearance"] == appearance
    assert "url" not in review


def test_not_found_has_no_appearance_and_no_claimed_author() -> None:
    review = claim_review(result("not found", speaker=None), reviewed_at="2026-11-25",
                          review_url="https://wortlaut.example/pruefen")
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["appearance"] == []
    assert "firstAppearance" not in review["itemReviewed"]
    assert review["itemReviewed"]["author"] is None
    assert review["url"] == "https://wortlaut.example/pruefen"


def test_every_verdict_has_a_rating() -> None:
    assert set(RATINGS) == {"exact", "fragment", "altered", "different speaker", "not found"}
    assert RATINGS["exact"] == 5 and min(RATINGS.values()) == 1
