"""Schemas of quote verification: the claim in, verdicts with evidence out."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from search_service.verify import MAX_CLAIM_CHARS, VerifyRequest

VERDICTS = ("exact", "fragment", "altered", "different speaker", "not found")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_bounds(value: str) -> tuple[date, date]:
    """``2018-06-14``, ``2018-06``, ``2018`` or a range ``A/B`` -> first and last day."""
    parts = [p.strip() for p in re.split(r"/|\.\.", value)]
    if len(parts) > 2 or not all(_DATE.match(p) for p in parts):
        raise ValidationError("Use an ISO date (2018-06-14, 2018-06, 2018) or a range "
                              "like 2018-01-01/2018-12-31.")
    try:
        first = _first_day(parts[0])
        last = _last_day(parts[-1])
    except ValueError as error:
        raise ValidationError(f"Not a valid date: {error}.") from None
    if first > last:
        raise ValidationError("The range ends before it starts.")
    return first, last


def _first_day(text: str) -> date:
    pieces = [int(p) for p in text.split("-")]
    return date(pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1)


def _last_day(text: str) -> date:
    pieces = [int(p) for p in text.split("-")]
    if len(pieces) == 3:
        return date(*pieces)
    if len(pieces) == 2:
        following = date(pieces[0] + pieces[1] // 12, pieces[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(pieces[0], 12, 31)


class VerifyRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=validate.Length(min=3, max=MAX_CLAIM_CHARS),
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
