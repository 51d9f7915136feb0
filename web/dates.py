"""Dates typed by people: an ISO day, month, year or range, as first and last day.

The messages are English, like the API's other validation messages; :mod:`web.messages` lists
them and shows them in the interface's language.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from marshmallow import ValidationError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_bounds(value: str) -> tuple[date, date]:
    """``2018-06-14``, ``2018-06``, ``2018`` or a range ``A/B`` -> first and last day."""
    parts = [p.strip() for p in re.split(r"/|\.\.", value)]
    if len(parts) > 2 or not all(_DATE.match(p) for p in parts):
        raise ValidationError("Use an ISO date (2018-06-14, 2018-06, 2018) or a range "
                              "like 2018-01-01/2018-12-31.")
    first, last = _day(parts[0], _first_day), _day(parts[-1], _last_day)
    if first > last:
        raise ValidationError("The range ends before it starts.")
    return first, last


def _day(text: str, read: Callable[[str], date]) -> date:
    try:
        return read(text)
    except ValueError:
        raise ValidationError(f"{text} is not a date in the calendar.") from None


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
