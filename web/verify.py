"""Quote verification: ``POST /api/v1/verify``, its ClaimReview export, and ``/pruefen``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from marshmallow import ValidationError

from search_service.errors import SearchInputError
from search_service.search import guarded
from search_service.verify import Match, VerifyRequest, VerifyResult, claim_review, verify
from web.backend import backend
from web.schemas.verify import VerifyRequestSchema, VerifyResponseSchema
from web.serialize import dump

verification = Blueprint("verification", __name__)

VERDICT_LABELS = {
    "exact": "Wörtlich belegt", "fragment": "Belegt als Ausschnitt",
    "altered": "Verändert wiedergegeben", "different speaker": "Andere Person",
    "not found": "Nicht gefunden",
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


def _json_body() -> Any:
    """The request's JSON, or None if it is not JSON; nesting too deep to parse is a 400."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        raise SearchInputError("body", "The JSON is nested too deeply; send a JSON object "
                               "like {\"text\": \"...\"}.") from None


def _run(claim: VerifyRequest) -> VerifyResult:
    found = backend()
    client = found.client()
    where = str(client.transport.node_pool.get().base_url)
    return guarded(lambda: verify(client, found.names, claim), where)


def match_dict(match: Match) -> dict[str, Any]:
    quote = match.quote
    return {
        "quote_id": quote["id"], "verdict": match.verdict, "rule": match.rule,
        "score": match.comparison.score, "quote": quote["text"], "kind": quote.get("kind"),
        "speaker": quote.get("speaker"), "date": quote.get("date"),
        "release_id": quote.get("release_id"), "release_title": quote.get("release_title"),
        "source_url": quote.get("source_url"), "context": quote.get("context", ""),
        "context_span": list(match.context_span) if match.context_span else None,
        "longest_fragment": match.comparison.longest_fragment,
        "diff": match.comparison.diff, "changed": match.comparison.changed_words,
        "finding": match.finding,
    }


def result_dict(result: VerifyResult) -> dict[str, Any]:
    return {"verdict": result.verdict, "claim": result.claim.text,
            "claimed_speaker": result.claimed_speaker, "searched": result.searched,
            "matches": [match_dict(m) for m in result.matches]}


@verification.post("/api/v1/verify")
def verify_api() -> Response:
    """Did they really say it? Verdicts with word-level differences and sources."""
    result = _run(_load(_json_body()))
    return jsonify(dump(VerifyResponseSchema, result_dict(result)))


@verification.post("/api/v1/verify/claimreview")
def verify_claimreview() -> Response:
    """The same verification as schema.org ClaimReview (JSON-LD)."""
    result = _run(_load(_json_body()))
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
                           matches=[match_dict(m) for m in result.matches] if result else [],
                           VERDICT_LABELS=VERDICT_LABELS)
    return page, status
