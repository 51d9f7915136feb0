"""marshmallow schemas: the contract of every /api/v1 and /healthz request and response."""

from web.schemas.health import HealthSchema, IndexStatusSchema
from web.schemas.requests import (
    QuoteSearchArgs,
    ReleaseSearchArgs,
    SimilarArgs,
    SpeakerSearchArgs,
    parse_args,
)
from web.schemas.responses import (
    ErrorSchema,
    QuoteListSchema,
    QuoteSchema,
    ReleaseDetailSchema,
    ReleaseListSchema,
    SpeakerListSchema,
    SpeakerSchema,
)

__all__ = [
    "ErrorSchema", "HealthSchema", "IndexStatusSchema", "QuoteListSchema", "QuoteSchema",
    "QuoteSearchArgs", "ReleaseDetailSchema", "ReleaseListSchema", "ReleaseSearchArgs",
    "SimilarArgs", "SpeakerListSchema", "SpeakerSchema", "SpeakerSearchArgs", "parse_args",
]
