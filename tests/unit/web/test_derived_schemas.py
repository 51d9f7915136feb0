"""API response schemas are derived from the document classes."""

from __future__ import annotations

from search_service.document_model import api_fields
from search_service.documents import DatePrecision, Kind, Quote, SpeakerRef, SpeakerType
from web.schemas.responses import QuoteSchema, ReleaseDetailSchema, ReleaseSchema


def test_a_quote_schema_shows_every_api_field_and_no_internal_one() -> None:
    shown = set(QuoteSchema().fields)
    assert shown == {info.name for info in api_fields(Quote)}
    assert "compound_parts" not in shown and "ingested_at" not in shown
    speaker = QuoteSchema().fields["speaker"]
    assert speaker.allow_none
    assert "mention" not in speaker.schema.fields  # type: ignore[attr-defined]
    assert QuoteSchema().fields["kind"].metadata["enum"] == ["direct", "indirect", "statement"]


def test_a_quote_dumps_enums_as_their_values() -> None:
    quote = Quote(id="q", text="Wir", kind=Kind.INDIRECT, release_id="r", start=0, end=3,
                  context="Wir", context_start=0, date="2024", date_precision=DatePrecision.YEAR,
                  topics=[], publisher=None, language="de", confidence=None,
                  release_title=None, source_url=None, cue=None,
                  speaker=SpeakerRef(id="a", name="A", type=SpeakerType.ORGANISATION))
    data = QuoteSchema().dump(quote)
    assert data["kind"] == "indirect" and data["date_precision"] == "year"
    assert data["speaker"] == {"id": "a", "name": "A", "type": "organisation",
                               "as_printed": None, "role": None, "organization": None}
    assert data["highlight"] == {} and data["score"] is None


def test_release_list_items_leave_out_the_body_the_detail_has_it() -> None:
    assert "body" not in ReleaseSchema().fields
    detail = ReleaseDetailSchema().fields
    assert "body" in detail and "quotes" in detail and "contact" not in detail
    assert "path" not in detail["source"].schema.fields  # type: ignore[attr-defined]
