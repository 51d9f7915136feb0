"""Jinja filters and labels in the interface's language: dates with their precision (Babel),
quote kinds, facets, sort orders and the names of form fields."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date, format_skeleton
from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from web.i18n import current_locale
from web.messages import localize

KIND_LABELS = {"direct": _l("wörtlich"), "indirect": _l("indirekt"),
               "statement": _l("Erklärung")}
FACET_LABELS = {"speaker": _l("Person"), "topic": _l("Thema"),
                "keyword": _l("Schlagwort der Pressestelle"), "publisher": _l("Herausgeber"),
                "kind": _l("Art"), "year": _l("Jahr")}
SORT_LABELS = {"relevance": _l("Relevanz"), "newest": _l("Neueste zuerst"),
               "oldest": _l("Älteste zuerst")}
# How an error names the field it is about: as the form labels it, not by its code.
FIELD_LABELS = {
    **FACET_LABELS,
    "q": _l("Suchbegriffe"), "date_from": _l("Datum von"), "date_to": _l("Datum bis"),
    "undated": _l("Undatierte Zitate"), "sort": _l("Sortierung"), "page": _l("Seite"),
    "per_page": _l("Treffer pro Seite"), "size": _l("Anzahl"),
    "text": _l("Behauptetes Zitat"), "date": _l("Datum oder Zeitraum"),
    "body": _l("Anfrage"), "request": _l("Anfrage"),
}


def _day(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1))
    except ValueError:
        return None


def local_date(value: str | None, precision: str | None = "day",
               locale: str | None = None) -> str:
    """A date in the interface's language with its precision: ``2022-11-01`` ->
    ``1. November 2022`` / ``November 1, 2022``, a month as ``November 2022``, a year as
    ``2022``, none as ``undatiert`` / ``undated``; text that is no date as it is."""
    if not value:
        return gettext("undatiert")
    year, month, day = value[:4], value[5:7], value[8:10]
    if precision == "year" or not month:
        return year
    found = _day(value)
    if found is None:
        return value
    locale = locale or current_locale()
    if precision == "month" or not day:
        return format_skeleton("yMMMM", found, locale=locale)
    return format_date(found, "long", locale=locale)


def month_label(value: str) -> str:
    """``2022-11`` -> ``November 2022`` (in the interface's language)."""
    return local_date(value[:7], "month")


def facet_value_label(facet: str, value: str) -> str:
    if facet == "kind":
        return str(KIND_LABELS.get(value, value))
    if facet == "year" and value == "undated":
        return gettext("undatiert")
    return value


def field_label(name: str) -> str:
    """The label of the form field an argument comes from (``date_from`` -> ``Datum von``);
    an argument no form has keeps its name."""
    return str(FIELD_LABELS.get(name, name))


def external_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a source link can never be a
    ``javascript:`` or ``data:`` URL, whatever the index holds."""
    if url and re.match(r"^https?://[^\s/]", url, re.IGNORECASE):
        return url
    return None


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["external_url"] = external_url
    app.jinja_env.filters["month_label"] = month_label
    app.jinja_env.globals.update(KIND_LABELS=KIND_LABELS, FACET_LABELS=FACET_LABELS,
                                 SORT_LABELS=SORT_LABELS, facet_value_label=facet_value_label,
                                 field_label=field_label, localize=localize)
