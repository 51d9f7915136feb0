"""Jinja filters: dates in German with their precision, kinds and facet labels."""

from __future__ import annotations

import re

from flask import Flask

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")
KIND_LABELS = {"direct": "wörtlich", "indirect": "indirekt", "statement": "Erklärung"}
FACET_LABELS = {"speaker": "Person", "topic": "Thema",
                "keyword": "Schlagwort der Pressestelle", "publisher": "Herausgeber",
                "kind": "Art", "year": "Jahr"}
SORT_LABELS = {"relevance": "Relevanz", "newest": "Neueste zuerst", "oldest": "Älteste zuerst"}


def german_date(value: str | None, precision: str | None = "day") -> str:
    """``2022-11-01`` -> ``1. November 2022``; month/year precision shown as such."""
    if not value:
        return "undatiert"
    year, month, day = value[:4], value[5:7], value[8:10]
    if precision == "year" or not month:
        return year
    name = MONTHS[int(month) - 1]
    if precision == "month" or not day:
        return f"{name} {year}"
    return f"{int(day)}. {name} {year}"


def month_label(value: str) -> str:
    """``2022-11`` -> ``November 2022``."""
    return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"


def facet_value_label(facet: str, value: str) -> str:
    if facet == "kind":
        return KIND_LABELS.get(value, value)
    if facet == "year" and value == "undated":
        return "undatiert"
    return value


def external_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a source link can never be a
    ``javascript:`` or ``data:`` URL, whatever the index holds."""
    if url and re.match(r"^https?://[^\s/]", url, re.IGNORECASE):
        return url
    return None


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["german_date"] = german_date
    app.jinja_env.filters["external_url"] = external_url
    app.jinja_env.filters["month_label"] = month_label
    app.jinja_env.globals.update(KIND_LABELS=KIND_LABELS, FACET_LABELS=FACET_LABELS,
                                 SORT_LABELS=SORT_LABELS, facet_value_label=facet_value_label)
