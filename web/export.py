"""Export of a quote search as CSV or JSON: streamed, capped, named after the query."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from flask import Response, current_app, stream_with_context

from search_service.document_model import export_columns
from search_service.documents import Quote
from search_service.limits import LIMITS
from search_service.request import QuoteSearch
from web.backend import searcher
from web.openapi import ApiBlueprint
from web.schemas import QuoteSchema, QuoteSearchArgs

_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
export = ApiBlueprint("export", __name__, url_prefix="/api/v1",
                      description="Quote searches exported as CSV or JSON (capped).")
_HEADERS = {"Content-Disposition": {"description": "attachment; the file name names the "
                                    "query", "schema": {"type": "string"}},
            "X-Export-Limit": {"description": "The most rows one export returns.",
                               "schema": {"type": "integer"}}}
_CSV_HEADERS = {**_HEADERS,
                "X-Formula-Cells": {"description": "How cells that a spreadsheet would run "
                                    "as formulas are written", "schema": {"type": "string"}}}

# The columns come from the quote document's fields (search_service.documents).
_CELLS = export_columns(Quote)
COLUMNS = tuple(column for column, _ in _CELLS)


def export_filename(search: QuoteSearch, extension: str) -> str:
    """``wortlaut-zitate-integrationsplan-20261125.csv``: the query, made filename-safe."""
    text = " ".join([search.q, *search.speaker]).lower().translate(_ASCII)
    slug = "-".join(re.findall(r"[a-z0-9]+", text))[:60].strip("-") or "alle"
    return f"wortlaut-zitate-{slug}-{datetime.now(UTC):%Y%m%d}.{extension}"


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
# injection"): "=HYPERLINK(...)" in a quote would be a live link or command in the file of
# whoever opens the export. Such cells get a leading apostrophe, as OWASP recommends, so
# the spreadsheet shows them as text; the JSON export keeps the exact wording.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NOTE = ("Cells starting with = + - @ tab or carriage return are prefixed with an "
                "apostrophe so spreadsheets show them as text; the JSON export has the exact "
                "wording.")


def neutralised(value: str) -> str:
    """``value`` as a spreadsheet will show but never run (see FORMULA_STARTS)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_row(quote: Quote) -> list[str]:
    return [neutralised(cell(quote)) for _, cell in _CELLS]


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


def _start(search: QuoteSearch) -> tuple[list[Quote], Iterator[Quote]]:
    """Run the first request before streaming, so errors still get a status."""
    quotes = searcher().export_quotes(search, limit=LIMITS.export_rows)
    first = [quote for _, quote in zip(range(1), quotes, strict=False)]
    return first, quotes


# Streamed, not dumped through a response schema: the schemas below only document them.
@export.get("/quotes/export.csv")
@export.arguments(QuoteSearchArgs, location="query")
@export.alt_response(200, success=True, content_type="text/csv", headers=_CSV_HEADERS,
                     schema={"type": "string", "description": "CSV with a header row. "
                             + FORMULA_NOTE},
                     description="The quotes, one row each.")
@export.errors(400, 503)
def export_csv(search: QuoteSearch) -> Response:
    """Export a quote search as CSV (capped; cells a spreadsheet would run as formulas are
    prefixed with an apostrophe)."""
    first, rest = _start(search)
    response = Response(stream_with_context(_csv(first, rest)),
                        mimetype="text/csv", content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export_filename(search, "csv")}"')
    response.headers["X-Export-Limit"] = str(LIMITS.export_rows)
    response.headers["X-Formula-Cells"] = FORMULA_NOTE
    return response


@export.get("/quotes/export.json")
@export.arguments(QuoteSearchArgs, location="query")
@export.alt_response(200, success=True, schema=QuoteSchema(many=True), headers=_HEADERS,
                     description="The quotes, as a JSON array.")
@export.errors(400, 503)
def export_json(search: QuoteSearch) -> Response:
    """Export a quote search as a JSON array (capped)."""
    first, rest = _start(search)
    response = Response(stream_with_context(_json(first, rest)), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export_filename(search, "json")}"')
    response.headers["X-Export-Limit"] = str(LIMITS.export_rows)
    return response
