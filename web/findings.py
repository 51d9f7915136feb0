"""A verification's finding in words: the ready-to-paste sentence for a matched quote.

When, who, the original words (only the matched stretch of a longer original), and the source,
in the language of the person asking - the request's interface language, so a German page says
"sagte" and an English one "said" - and, outside a request (scripts, tests), in the quote's own
language.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

from babel.dates import format_date
from flask import has_request_context

from search_service.verification import Comparison
from web.i18n import LOCALES, catalog, current_locale

# Day dates as a German or English sentence writes them: 14.06.2018, July 12, 2021.
_DATE_FORMATS = {"de": "medium", "en": "long"}


def finding(quote: Mapping[str, Any], comparison: Comparison, locale: str | None = None
            ) -> str:
    """A ready-to-paste sentence: when, who, the original words, the source."""
    locale = locale or _locale_for(quote)
    messages = catalog(locale)
    text = quote["text"]
    if comparison.verdict == "fragment" and comparison.span:
        text = text[comparison.span[0]:comparison.span[1]]
    who = (quote.get("speaker") or {}).get("name") or messages.gettext(
        "Eine nicht genannte Person")
    source = (quote.get("source_url") or quote.get("release_title")
              or messages.gettext("unbekannte Quelle"))
    when = quote.get("date")
    if when:
        return messages.gettext("Am %(date)s sagte %(who)s: „%(text)s“ (Quelle: %(source)s)") % {
            "date": _date(when, locale), "who": who, "text": text, "source": source}
    return messages.gettext("%(who)s sagte (undatiert): „%(text)s“ (Quelle: %(source)s)") % {
        "who": who, "text": text, "source": source}


def _locale_for(quote: Mapping[str, Any]) -> str:
    if has_request_context():
        return current_locale()
    language = quote.get("language")
    return language if language in LOCALES else "de"


@functools.lru_cache(maxsize=4096)
def _date(value: str, locale: str) -> str:
    """A day in the locale's sentence form; a month or year (or anything else) as it is.
    Cached: a verification words a finding for each of its matches, and Babel takes
    longer to format a date than the rest of the finding."""
    parts = value[:10].split("-")
    if len(parts) != 3:
        return value
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return value
    return format_date(day, _DATE_FORMATS.get(locale, "medium"), locale=locale)
