"""/api/v1: quotes, releases and speakers as JSON. Views parse, call, serialise."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, Response, jsonify, request

from search_service.speakers import get_speaker, list_speakers
from web.backend import searcher
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
    parse_args,
)
from web.serialize import dump

api = Blueprint("api", __name__, url_prefix="/api/v1")


@api.get("/quotes")
def quotes() -> Response:
    """Search quotes, with facet counts."""
    page = searcher().quotes(parse_args(QuoteSearchArgs(), request.args))
    return jsonify(dump(QuoteListSchema, page))


@api.get("/quotes/<quote_id>")
def quote(quote_id: str) -> Response:
    """One quote with its context, offsets, release title, date and source."""
    return jsonify(dump(QuoteSchema, searcher().quote(quote_id)))


@api.get("/quotes/<quote_id>/similar")
def similar(quote_id: str) -> Response:
    """Quotes with similar wording (more like this)."""
    args = parse_args(SimilarArgs(), request.args)
    items = searcher().similar(quote_id, size=args["size"])
    return jsonify({"items": dump(QuoteSchema, items, many=True)})


@api.get("/releases")
def releases() -> Response:
    """Search whole releases (title, lead, body), with facet counts."""
    page = searcher().releases(parse_args(ReleaseSearchArgs(), request.args))
    return jsonify(dump(ReleaseListSchema, page))


@api.get("/releases/<release_id>")
def release(release_id: str) -> Response:
    """A release's full text and its quotes with offsets into it."""
    found = searcher().release(release_id)
    data = {**{f.name: getattr(found.release, f.name)
               for f in dataclasses.fields(found.release)}, "quotes": found.quotes}
    return jsonify(dump(ReleaseDetailSchema, data))


@api.get("/speakers")
def speakers() -> Response:
    """Speakers by name, most quoted first."""
    items = list_speakers(searcher(), parse_args(SpeakerSearchArgs(), request.args))
    return jsonify(dump(SpeakerListSchema, {"items": items}))


@api.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> Response:
    """One speaker: names as printed, roles, organisations, topics, quotes per month."""
    return jsonify(dump(SpeakerSchema, get_speaker(searcher(), speaker_id)))
