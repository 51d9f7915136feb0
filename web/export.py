"""Export of a quote search as CSV or JSON: streamed, capped, named after the query."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, request, stream_with_context

from search_service.request import QuoteSearch
from search_service.results import Quote
from search_service.search import EXPORT_MAX
from web.backend import searcher
from web.schemas import QuoteSchema, QuoteSearchArgs, parse_args

_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
export = Blueprint("export", __name__, url_prefix="/api/v1")

COLUMNS = ("id", "text", "kind", "speaker", "speaker_as_printed", "role", "organization",
           "date", "date_precision", "publisher", "topics", "release_title", "release_id",
           "source_url", "start", "end")


def export_filename(search: QuoteSearch, extension: str) -> str:
    """``wortlaut-zitate-integrationsplan-20261125.csv``: the query, made filename-safe."""
    text = " ".join([search.q, *search.speaker]).lower().translate(_ASCII)
    slug = "-".join(re.findall(r"[a-z0-9]+", text))[:60].strip("-") or "alle"
    return f"wortlaut-zitate-{slug}-{datetime.now(UTC):%Y%m%d}.{extension}"


def csv_row(quote: Quote) -> list[str]:
    speaker = quote.speaker
    return [quote.id, quote.text, quote.kind, speaker.name if speaker else "",
            (speaker.as_printed or "") if speaker else "",
            (speaker.role or "") if speaker else "",
            (speaker.organization or "") if speaker else "",
            quote.date or "", quote.date_precision or "", quote.publisher or "",
            "; ".join(quote.topics), quote.release_title or "", quote.release_id,
            quote.source_url or "", str(quote.start), str(quote.end)]


def _csv(first: list[Quote], rest: Iterator[Quote]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for quote in [*first, *rest]:
        writer.writerow(csv_row(quote))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def _json(first: list[Quote], rest: Iterator[Quote]) -> Iterator[str]:
    schema = QuoteSchema(exclude=("score", "highlight"))
    yield "["
    for number, quote in enumerate([*first, *rest]):
        yield ("," if number else "") + "\n" + current_app.json.dumps(schema.dump(quote))
    yield "\n]\n"


def _start() -> tuple[QuoteSearch, list[Quote], Iterator[Quote]]:
    """Parse and run the first request before streaming, so errors still get a status."""
    search = parse_args(QuoteSearchArgs(), request.args)
    quotes = searcher().export_quotes(search, limit=EXPORT_MAX)
    first = [quote for _, quote in zip(range(1), quotes, strict=False)]
    return search, first, quotes


@export.get("/quotes/export.csv")
def export_csv() -> Response:
    """All quotes of a search (up to the export cap) as CSV."""
    search, first, rest = _start()
    response = Response(stream_with_context(_csv(first, rest)),
                        mimetype="text/csv", content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export_filename(search, "csv")}"')
    response.headers["X-Export-Limit"] = str(EXPORT_MAX)
    return response


@export.get("/quotes/export.json")
def export_json() -> Response:
    """All quotes of a search (up to the export cap) as a JSON array."""
    search, first, rest = _start()
    response = Response(stream_with_context(_json(first, rest)), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export_filename(search, "json")}"')
    response.headers["X-Export-Limit"] = str(EXPORT_MAX)
    return response
