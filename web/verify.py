"""Quote verification: ``POST /api/v1/verify``, its ClaimReview export, and ``/pruefen``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from search_service.errors import SearchInputError
from search_service.limits import LIMITS
from search_service.verification import Match, VerifyRequest, VerifyResult, verify
from web.backend import searcher
from web.claim_review import claim_review
from web.findings import finding
from web.i18n import current_locale
from web.messages import localize
from web.openapi import ApiBlueprint
from web.schemas.verify import VerifyRequestSchema, VerifyResponseSchema

verification = Blueprint("verification", __name__)
# The JSON routes: their body is parsed by VerifyRequestSchema (a bad body is a 400 naming
# the field, see web.schemas.requests.Parser), their answer documented in OpenAPI.
verification_api = ApiBlueprint("verify", __name__, url_prefix="/api/v1",
                                description="Quote verification.")

VERDICT_LABELS = {
    "exact": _l("Wörtlich belegt"), "fragment": _l("Belegt als Ausschnitt"),
    "altered": _l("Verändert wiedergegeben"), "different speaker": _l("Andere Person"),
    "not found": _l("Nicht gefunden"),
}


def _load(data: Any) -> VerifyRequest:
    if not isinstance(data, dict):
        raise SearchInputError("body", "Send a JSON object like {\"text\": \"...\"}.")
    try:
        loaded: VerifyRequest = VerifyRequestSchema().load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"body": error.messages}
        name, problem = next(iter(messages.items()))
        text = problem[0] if isinstance(problem, list) else str(problem)
        raise SearchInputError(str(name), str(text)) from None
    return loaded


def _run(claim: VerifyRequest) -> VerifyResult:
    return verify(searcher(), claim)


def match_dict(match: Match, locale: str) -> dict[str, Any]:
    """One match as the API and the page show it, its texts in ``locale``."""
    quote = match.quote
    return {
        "quote_id": quote["id"], "verdict": match.verdict,
        "rule": localize(match.rule, locale),
        "score": match.comparison.score, "quote": quote["text"], "kind": quote.get("kind"),
        "speaker": quote.get("speaker"), "date": quote.get("date"),
        "release_id": quote.get("release_id"), "release_title": quote.get("release_title"),
        "source_url": quote.get("source_url"), "context": quote.get("context", ""),
        "context_span": list(match.context_span) if match.context_span else None,
        "longest_fragment": match.comparison.longest_fragment,
        "diff": match.comparison.diff, "changed": match.comparison.changed_words,
        "finding": finding(quote, match.comparison, locale),
    }


def matches_of(result: VerifyResult) -> list[dict[str, Any]]:
    """Every match of ``result`` as :func:`match_dict`, in the request's language (read
    once for all of them)."""
    locale = current_locale()
    return [match_dict(m, locale) for m in result.matches]


def result_dict(result: VerifyResult) -> dict[str, Any]:
    return {"verdict": result.verdict, "claim": result.claim.text,
            "claimed_speaker": result.claimed_speaker, "searched": result.searched,
            "matches": matches_of(result)}


@verification_api.post("/verify")
@verification_api.arguments(VerifyRequestSchema)
@verification_api.response(200, VerifyResponseSchema)
@verification_api.errors(400, 503)
def verify_api(claim: VerifyRequest) -> dict[str, Any]:
    """Did they really say it? Verdicts with word-level differences and sources."""
    result = _run(claim)
    return result_dict(result)


@verification_api.post("/verify/claimreview")
@verification_api.arguments(VerifyRequestSchema)
@verification_api.alt_response(200, success=True, content_type="application/ld+json",
                               schema={"type": "object", "description": "ClaimReview JSON-LD"},
                               description="schema.org ClaimReview of the verification.")
@verification_api.errors(400, 503)
def verify_claimreview(claim: VerifyRequest) -> Response:
    """The same verification as schema.org ClaimReview (JSON-LD)."""
    result = _run(claim)
    return _claimreview_response(result)


def _claimreview_response(result: VerifyResult) -> Response:
    review = claim_review(result, reviewed_at=datetime.now(UTC).date().isoformat())
    response = jsonify(review)
    response.mimetype = "application/ld+json"
    response.headers["Content-Disposition"] = 'attachment; filename="claimreview.jsonld"'
    return response


@verification.route("/pruefen", methods=["GET", "POST"])
def verify_page() -> tuple[str, int] | Response:
    """The fact-checker's page: paste a quote, see the verdict and the differences."""
    form = {"text": "", "speaker": "", "date": ""}
    result = None
    error = None
    if request.method == "POST":
        form = {key: request.form.get(key, "") for key in form}
        data = {"text": form["text"], "speaker": form["speaker"] or None,
                "date": form["date"] or None}
        try:
            claim = _load(data)
        except SearchInputError as problem:
            error = problem
        else:
            result = _run(claim)
            if request.form.get("format") == "claimreview":
                return _claimreview_response(result)
    status = 400 if error else 200
    page = render_template("verify.html", form=form, result=result, error=error,
                           matches=matches_of(result) if result else [],
                           VERDICT_LABELS=VERDICT_LABELS, claim_length=LIMITS.claim_length)
    return page, status
