"""/api/v1: quotes, releases and speakers as JSON.

Each view declares its arguments, its response and its errors once (flask-smorest):
they validate the request, serialise the answer and make the OpenAPI document.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from marshmallow import Schema, fields

from search_service.documents import Quote, Release
from search_service.request import QuoteSearch, ReleaseSearch, SpeakerQuery
from search_service.speakers import get_speaker, list_speakers
from web.backend import searcher
from web.openapi import ApiBlueprint
from web.schemas import (
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
from web.schemas.responses import ReleaseSchema
from web.serialize import hit_view

api = ApiBlueprint("api", __name__, url_prefix="/api/v1",
                   description="Quotes, releases and speakers.")


# A results page's hits, read straight into their JSON form.
_QUOTE_VIEW = hit_view(QuoteSchema, Quote)
_RELEASE_VIEW = hit_view(ReleaseSchema, Release)


class SimilarListSchema(Schema):
    items = fields.List(fields.Nested(QuoteSchema), required=True)


@api.get("/quotes")
@api.arguments(QuoteSearchArgs, location="query")
@api.response(200, QuoteListSchema)
@api.errors(400, 503)
def quotes(search: QuoteSearch) -> Any:
    """Search quotes, with facet counts."""
    return searcher().quotes(search, read=_QUOTE_VIEW, views=True)


@api.get("/quotes/<quote_id>")
@api.response(200, QuoteSchema)
@api.errors(404, 503)
def quote(quote_id: str) -> Any:
    """One quote with its context, offsets, release title, date and source."""
    return searcher().quote(quote_id)


@api.get("/quotes/<quote_id>/similar")
@api.arguments(SimilarArgs, location="query")
@api.response(200, SimilarListSchema)
@api.errors(400, 404, 503)
def similar(args: dict[str, Any], quote_id: str) -> Any:
    """Quotes with similar wording (more like this)."""
    return {"items": searcher().similar(quote_id, size=args["size"])}


@api.get("/releases")
@api.arguments(ReleaseSearchArgs, location="query")
@api.response(200, ReleaseListSchema)
@api.errors(400, 503)
def releases(search: ReleaseSearch) -> Any:
    """Search whole releases (title, lead, body), with facet counts."""
    return searcher().releases(search, read=_RELEASE_VIEW, views=True)


@api.get("/releases/<release_id>")
@api.response(200, ReleaseDetailSchema)
@api.errors(404, 503)
def release(release_id: str) -> Any:
    """A release's full text and its quotes with offsets into it."""
    found = searcher().release(release_id)
    return {**{f.name: getattr(found.release, f.name)
               for f in dataclasses.fields(found.release)}, "quotes": found.quotes}


@api.get("/speakers")
@api.arguments(SpeakerSearchArgs, location="query")
@api.response(200, SpeakerListSchema)
@api.errors(400, 503)
def speakers(query: SpeakerQuery) -> Any:
    """Speakers by name, most quoted first."""
    return {"items": list_speakers(searcher(), query)}


@api.get("/speakers/<speaker_id>")
@api.response(200, SpeakerSchema)
@api.errors(404, 503)
def speaker(speaker_id: str) -> Any:
    """One speaker: names as printed, roles, organisations, topics, quotes per month."""
    return get_speaker(searcher(), speaker_id)
