"""Response schemas of /api/v1: quotes, releases, speakers, facets and errors.

``highlight`` values are HTML: the source text escaped by Elasticsearch, matched
words wrapped in ``<mark>``. Every other string is plain text as printed.
"""

from __future__ import annotations

from marshmallow import Schema, fields


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={
        "description": "invalid_request, not_found, method_not_allowed, "
                       "service_unavailable or internal_error"})
    field = fields.String(allow_none=True, metadata={"description": "The input at fault."})
    message = fields.String(required=True)


class FacetValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)
    selected = fields.Boolean(required=True)


class SpeakerFacetValueSchema(FacetValueSchema):
    id = fields.String(attribute="speaker_id", allow_none=True,
                       metadata={"description": "Speaker id, for /api/v1/speakers/<id>."})


class QuoteFacetsSchema(Schema):
    speaker = fields.List(fields.Nested(SpeakerFacetValueSchema))
    topic = fields.List(fields.Nested(FacetValueSchema))
    publisher = fields.List(fields.Nested(FacetValueSchema))
    kind = fields.List(fields.Nested(FacetValueSchema))
    year = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": 'Years, newest first; "undated" counts items without a date.'})


class ReleaseFacetsSchema(Schema):
    topic = fields.List(fields.Nested(FacetValueSchema))
    publisher = fields.List(fields.Nested(FacetValueSchema))
    year = fields.List(fields.Nested(FacetValueSchema))


class SpeakerRefSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    as_printed = fields.String(allow_none=True, metadata={
        "description": "The name as printed at this quote (e.g. a surname or a typo)."})
    role = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)
    type = fields.String(metadata={
        "description": "person, organisation or document (the source of reported speech)"})


class HighlightSchema(Schema):
    text = fields.String(metadata={"description": "HTML: escaped text with <mark> tags."})
    context = fields.String(metadata={"description": "HTML: escaped text with <mark> tags."})


class QuoteSchema(Schema):
    id = fields.String(required=True)
    release_id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "direct|indirect|statement"})
    text = fields.String(required=True, metadata={"description": "Exactly as printed."})
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True)
    cue = fields.String(allow_none=True)
    start = fields.Integer(required=True, metadata={"description": "Offset into the body."})
    end = fields.Integer(required=True)
    context = fields.String(required=True)
    context_start = fields.Integer(required=True)
    date = fields.String(allow_none=True, metadata={"description": "ISO date or null"})
    date_precision = fields.String(allow_none=True, metadata={
        "description": "day, month or year"})
    topics = fields.List(fields.String())
    publisher = fields.String(allow_none=True)
    release_title = fields.String(allow_none=True)
    source_url = fields.String(allow_none=True)
    confidence = fields.Float(allow_none=True)
    score = fields.Float(allow_none=True)
    highlight = fields.Nested(HighlightSchema)


class _PageSchema(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class QuoteListSchema(_PageSchema):
    items = fields.List(fields.Nested(QuoteSchema), required=True)
    facets = fields.Nested(QuoteFacetsSchema, required=True)
    months = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": "Months of the selected year, when exactly one year is selected."})


class ReleaseSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    lead = fields.String()
    publisher = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    topics = fields.List(fields.String())
    published = fields.String(allow_none=True)
    date_precision = fields.String(allow_none=True)
    language = fields.String(allow_none=True)
    source_url = fields.String(allow_none=True)
    quote_count = fields.Integer()
    score = fields.Float(allow_none=True)
    highlight = fields.Dict(keys=fields.String(), values=fields.String())


class ReleaseListSchema(_PageSchema):
    items = fields.List(fields.Nested(ReleaseSchema), required=True)
    facets = fields.Nested(ReleaseFacetsSchema, required=True)
    months = fields.List(fields.Nested(FacetValueSchema))


class ReleaseDetailSchema(ReleaseSchema):
    body = fields.String(required=True, metadata={
        "description": "Full text; quote offsets point into it."})
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)


class CountedValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class SpeakerSummarySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    quote_count = fields.Integer(required=True)
    aliases = fields.List(fields.Nested(CountedValueSchema), metadata={
        "description": "Forms of the name as printed, with how often."})
    roles = fields.List(fields.Nested(CountedValueSchema))


class SpeakerSchema(SpeakerSummarySchema):
    organizations = fields.List(fields.Nested(CountedValueSchema))
    topics = fields.List(fields.Nested(CountedValueSchema))
    publishers = fields.List(fields.Nested(CountedValueSchema))
    months = fields.List(fields.Nested(CountedValueSchema), metadata={
        "description": "Quotes per month (yyyy-MM)."})
    undated = fields.Integer()
    first_date = fields.String(allow_none=True)
    last_date = fields.String(allow_none=True)


class SpeakerListSchema(Schema):
    items = fields.List(fields.Nested(SpeakerSummarySchema), required=True)
