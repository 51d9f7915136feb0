"""Response schemas of /api/v1: quotes, releases, speakers, facets and errors.

``highlight`` values are HTML: the source text escaped by Elasticsearch, matched
words wrapped in ``<mark>``. Every other string is plain text as printed.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from search_service.documents import Quote, Release
from web.schemas.derived import schema_for


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
    keyword = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": "The publishers' own keywords, as printed."})
    publisher = fields.List(fields.Nested(FacetValueSchema))
    kind = fields.List(fields.Nested(FacetValueSchema))
    year = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": 'Years, newest first; "undated" counts items without a date.'})


class ReleaseFacetsSchema(Schema):
    topic = fields.List(fields.Nested(FacetValueSchema))
    keyword = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": "The publishers' own keywords, as printed."})
    publisher = fields.List(fields.Nested(FacetValueSchema))
    year = fields.List(fields.Nested(FacetValueSchema))


# The documents' schemas come from their one definition (search_service.documents).
QuoteSchema = schema_for(Quote)
ReleaseSchema = schema_for(Release, exclude=("body",))
ReleaseDetailSchema = type("ReleaseDetailSchema", (schema_for(Release),), {
    "quotes": fields.List(fields.Nested(QuoteSchema), required=True)})


class _PageSchema(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)


class QuoteListSchema(_PageSchema):
    items = fields.List(fields.Nested(QuoteSchema), required=True)
    facets = fields.Nested(QuoteFacetsSchema, required=True)
    months = fields.List(fields.Nested(FacetValueSchema), metadata={
        "description": "Months of the selected year, when exactly one year is selected."})
    suggestion = fields.String(allow_none=True, metadata={
        "description": "\"Did you mean\": the search text with a misspelt word replaced by "
                       "a close spelling that finds more quotes; only when fewer than three "
                       "were found, else null. Plain text."})


class ReleaseListSchema(_PageSchema):
    items = fields.List(fields.Nested(ReleaseSchema), required=True)
    facets = fields.Nested(ReleaseFacetsSchema, required=True)
    months = fields.List(fields.Nested(FacetValueSchema))


class CountedValueSchema(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class SpeakerSummarySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    quote_count = fields.Integer(required=True)
    type = fields.String(metadata={"description": "person, organisation or document."})
    aliases = fields.List(fields.Nested(CountedValueSchema), metadata={
        "description": "Forms of the name as printed, with how often."})
    roles = fields.List(fields.Nested(CountedValueSchema))
    publishers = fields.List(fields.Nested(CountedValueSchema), metadata={
        "description": "Publishers whose releases quote the speaker, with how often."})


class SpeakerSchema(SpeakerSummarySchema):
    organizations = fields.List(fields.Nested(CountedValueSchema))
    topics = fields.List(fields.Nested(CountedValueSchema))
    months = fields.List(fields.Nested(CountedValueSchema), metadata={
        "description": "Quotes per month (yyyy-MM)."})
    undated = fields.Integer()
    first_date = fields.String(allow_none=True)
    last_date = fields.String(allow_none=True)


class SpeakerListSchema(Schema):
    items = fields.List(fields.Nested(SpeakerSummarySchema), required=True)
