"""Publication dates with their precision; an unknown date stays unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_GERMAN = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class PublishedDate:
    value: str  # "2018-06-14", "2018-06" or "2018"
    precision: str  # "day" | "month" | "year"


def parse_published(raw: object) -> PublishedDate | None:
    """``"2018-06-14"``, ``"2018-06"``, ``"2018"``, ``"14.06.2018"`` -> date with precision.

    Raises ValueError with the reason for anything else (including impossible or
    absurd dates); ``None`` and ``""`` mean undated.
    """
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str | int):
        raise ValueError(f"date must be a string like 2018-06-14, not {type(raw).__name__}")
    text = str(raw).strip()
    german = _GERMAN.match(text)
    if german:
        text = f"{german.group(3)}-{int(german.group(2)):02d}-{int(german.group(1)):02d}"
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"{raw!r} is not a date (write 2018-06-14, 2018-06 or 2018)")
    year, month, day = match.groups()
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(f"{raw!r}: year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(f"{raw!r} is not a valid date ({error})") from None
    if day:
        return PublishedDate(f"{year}-{month}-{day}", "day")
    if month:
        return PublishedDate(f"{year}-{month}", "month")
    return PublishedDate(year, "year")
