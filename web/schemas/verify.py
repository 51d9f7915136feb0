"""Schemas of quote verification: the claim in, verdicts with evidence out."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from search_service.limits import LIMITS
from search_service.verification import VERDICT_ORDER, VerifyRequest
from web.dates import date_bounds

VERDICTS = tuple(VERDICT_ORDER)


class VerifyRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    text = fields.String(required=True,
                         validate=validate.Length(min=3, max=LIMITS.claim_length),
                         metadata={"description": "The claimed quote, with or without "
                                   "quotation marks and attribution."})
    speaker = fields.String(load_default=None, allow_none=True,
                            validate=validate.Length(max=200),
                            metadata={"description": "Who is claimed to have said it."})
    date = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40),
                         metadata={"description": "ISO date, month, year or range A/B."})

    @post_load
    def make_request(self, data: dict[str, Any], **_: Any) -> VerifyRequest:
        text = data["text"].strip()
        if len(text) < 3:
            raise ValidationError("Enter the words to check.", "text")
        try:
            bounds = date_bounds(data["date"]) if data.get("date") else (None, None)
        except ValidationError as error:
            raise ValidationError(error.messages, "date") from None
        speaker = (data.get("speaker") or "").strip() or None
        return VerifyRequest(text=text, speaker=speaker, date_from=bounds[0], date_to=bounds[1])


class DiffOpSchema(Schema):
    op = fields.String(metadata={"description": "equal, insert, delete or replace"})
    claimed = fields.List(fields.String())
    original = fields.List(fields.String())


class MatchSpeakerSchema(Schema):
    id = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    as_printed = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)


class MatchSchema(Schema):
    quote_id = fields.String()
    verdict = fields.String(validate=validate.OneOf(VERDICTS))
    rule = fields.String(metadata={"description": "Why this verdict."})
    score = fields.Float(metadata={"description": "0-100 word agreement."})
    quote = fields.String(metadata={"description": "The original words."})
    kind = fields.String()
    speaker = fields.Nested(MatchSpeakerSchema, allow_none=True)
    date = fields.String(allow_none=True)
    release_id = fields.String()
    release_title = fields.String(allow_none=True)
    source_url = fields.String(allow_none=True)
    context = fields.String(metadata={"description": "The paragraph around the original."})
    context_span = fields.List(fields.Integer(), allow_none=True,
                               metadata={"description": "[start, end) of the matched words "
                                         "in context."})
    longest_fragment = fields.String()
    diff = fields.List(fields.Nested(DiffOpSchema))
    changed = fields.List(fields.Nested(DiffOpSchema))
    finding = fields.String(metadata={"description": "Ready-to-paste finding."})


class SearchedSchema(Schema):
    text = fields.String()
    speaker = fields.String(allow_none=True)
    date_from = fields.String(allow_none=True)
    date_to = fields.String(allow_none=True)
    candidates_compared = fields.Integer()


class VerifyResponseSchema(Schema):
    verdict = fields.String(validate=validate.OneOf(VERDICTS))
    claim = fields.String()
    claimed_speaker = fields.String(allow_none=True)
    searched = fields.Nested(SearchedSchema)
    matches = fields.List(fields.Nested(MatchSchema))
