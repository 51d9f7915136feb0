"""The OpenAPI document, generated from the marshmallow schemas, and a docs page.

Each operation names its argument schema and response schema; apispec's
marshmallow plugin expands them into parameters and components. Nothing about
fields is written twice.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, current_app, jsonify, render_template

from web.schemas import (
    ErrorSchema,
    HealthSchema,
    QuoteListSchema,
    QuoteSchema,
    QuoteSearchArgs,
    ReleaseDetailSchema,
    ReleaseListSchema,
    ReleaseSearchArgs,
    SimilarArgs,
    SpeakerListSchema,
    SpeakerSchema,
    SpeakerSearchArgs,
)
from web.schemas.verify import VerifyRequestSchema, VerifyResponseSchema

docs = Blueprint("docs", __name__, url_prefix="/api/v1")

_ERRORS = {
    "400": {"description": "Invalid input; `field` names it.", "content": {
        "application/json": {"schema": ErrorSchema}}},
    "503": {"description": "Elasticsearch unreachable.", "content": {
        "application/json": {"schema": ErrorSchema}}},
}
_NOT_FOUND = {"404": {"description": "No such id.", "content": {
    "application/json": {"schema": ErrorSchema}}}}


def _id(name: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}


def _get(summary: str, response: Any, *, args: Any = None, path_id: str | None = None,
         media: str = "application/json") -> dict[str, Any]:
    parameters: list[Any] = []
    if args is not None:
        parameters.append({"in": "query", "schema": args})
    if path_id:
        parameters.append(_id(path_id))
    responses: dict[str, Any] = {"200": {"description": "OK", "content": {
        media: {"schema": response}}}, **_ERRORS}
    if path_id:
        responses.update(_NOT_FOUND)
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def _post(summary: str, body: Any, response: Any, *, media: str = "application/json"
          ) -> dict[str, Any]:
    return {"post": {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"200": {"description": "OK", "content": {media: {"schema": response}}},
                      **_ERRORS},
    }}


_EXPORT = {"type": "string", "description": "CSV with a header row"}
PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/quotes": _get("Search quotes with facets", QuoteListSchema, args=QuoteSearchArgs),
    "/api/v1/quotes/{quote_id}": _get("One quote", QuoteSchema, path_id="quote_id"),
    "/api/v1/quotes/{quote_id}/similar": _get(
        "Quotes with similar wording", {"type": "object", "properties": {
            "items": {"type": "array", "items": QuoteSchema}}},
        args=SimilarArgs, path_id="quote_id"),
    "/api/v1/quotes/export.csv": _get("Export a quote search as CSV (capped)", _EXPORT,
                                      args=QuoteSearchArgs, media="text/csv"),
    "/api/v1/quotes/export.json": _get("Export a quote search as JSON (capped)",
                                       {"type": "array", "items": QuoteSchema},
                                       args=QuoteSearchArgs),
    "/api/v1/releases": _get("Search releases with facets", ReleaseListSchema,
                             args=ReleaseSearchArgs),
    "/api/v1/releases/{release_id}": _get("A release with its quotes", ReleaseDetailSchema,
                                          path_id="release_id"),
    "/api/v1/speakers": _get("Speakers by name", SpeakerListSchema, args=SpeakerSearchArgs),
    "/api/v1/speakers/{speaker_id}": _get("One speaker", SpeakerSchema, path_id="speaker_id"),
    "/healthz": _get("Service and Elasticsearch status", HealthSchema),
    "/api/v1/verify": _post("Verify a claimed quote: verdicts, word-level diff, sources",
                            VerifyRequestSchema, VerifyResponseSchema),
    "/api/v1/verify/claimreview": _post(
        "Verify a claimed quote and return schema.org ClaimReview (JSON-LD)",
        VerifyRequestSchema, {"type": "object", "description": "ClaimReview JSON-LD"},
        media="application/ld+json"),
}


def build_spec() -> dict[str, Any]:
    spec = APISpec(title="Wortlaut API", version="1", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "Quotes from official press releases: who said "
                         "what, when, in which exact words."})
    for path, operations in PATHS.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


@docs.get("/openapi.json")
def openapi_json() -> Response:
    """The OpenAPI 3 document of this API."""
    if "wortlaut.openapi" not in current_app.extensions:
        current_app.extensions["wortlaut.openapi"] = build_spec()
    return jsonify(current_app.extensions["wortlaut.openapi"])


@docs.get("/docs")
def docs_page() -> str:
    """A browsable, server-rendered listing of the OpenAPI document."""
    spec = build_spec()
    return render_template("api_docs.html", spec=spec)
