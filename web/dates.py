"""Dates typed by people: an ISO day, month, year or range, as first and last day."""

from __future__ import annotations

import calendar
import re
from datetime import date

from marshmallow import ValidationError

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
        return date(pieces[0], pieces[1], calendar.monthrange(pieces[0], pieces[1])[1])
    return date(pieces[0], 12, 31)
