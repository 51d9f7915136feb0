"""A verification's finding in words: the ready-to-paste sentence for a matched quote.

German for German quotes, English for English ones: when, who, the original words (only
the matched stretch of a longer original), and the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from search_service.verification import Comparison

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def finding(quote: Mapping[str, Any], comparison: Comparison) -> str:
    """A ready-to-paste sentence: when, who, the original words, the source."""
    speaker = (quote.get("speaker") or {}).get("name")
    text = quote["text"]
    if comparison.verdict == "fragment" and comparison.span:
        text = text[comparison.span[0]:comparison.span[1]]
    source = quote.get("source_url") or quote.get("release_title") or "unbekannte Quelle"
    when = quote.get("date")
    if quote.get("language") == "en":
        who = speaker or "An unnamed speaker"
        on = f"On {_english_date(when)}, " if when else "Undated: "
        return f"{on}{who} said: “{text}” (source: {source})"
    who = speaker or "Eine nicht genannte Person"
    if when:
        return f"Am {_german_date(when)} sagte {who}: „{text}“ (Quelle: {source})"
    return f"{who} sagte (undatiert): „{text}“ (Quelle: {source})"


def _german_date(value: str) -> str:
    """``2018-06-14`` -> ``14.06.2018``; anything else as it is."""
    parts = value.split("-")
    return ".".join(reversed(parts)) if len(parts) == 3 else value


def _english_date(value: str) -> str:
    """``2021-07-12`` -> ``July 12, 2021``; anything else as it is."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{MONTHS_EN[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    return value
