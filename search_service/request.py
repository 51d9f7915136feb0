"""Typed search requests: what a user asked for, validated, before any DSL exists.

Like ``aleph/search/parser.py``: the web layer turns URL arguments into these
objects; :mod:`search_service.search` turns them into query DSL. Everything a
user can get wrong raises :class:`SearchInputError` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from search_service.errors import SearchInputError
from search_service.limits import LIMITS

Sort = Literal["relevance", "newest", "oldest"]
Undated = Literal["include", "exclude", "only"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
UNDATED: tuple[Undated, ...] = ("include", "exclude", "only")
KINDS = ("direct", "indirect", "statement")


@dataclass(frozen=True)
class SearchRequest:
    """What quote and release searches share: text, filters, dates, sort and page."""

    q: str = ""
    topic: tuple[str, ...] = ()
    keyword: tuple[str, ...] = ()  # the publisher's own keywords, as printed
    publisher: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    undated: Undated | None = None  # None: include unless a date range is set
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = LIMITS.default_per_page

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def selected(self, facet: str) -> tuple[str, ...]:
        """The values selected for ``facet``, as strings (the facets' value type)."""
        return tuple(str(value) for value in getattr(self, facet, ()))

    def validate(self) -> None:
        """Raise :class:`SearchInputError` for the first unusable value.

        The web layer's schemas check every field on its own before a request is made;
        the field checks here are for other callers (scripts, benchmarks, tests), the
        cross-field checks (date order, the result window) for everyone.
        """
        self.validate_fields()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SearchInputError("date_to", "The end date lies before the start date.")
        if self.page * self.per_page > LIMITS.result_window:
            raise SearchInputError(
                "page", f"Page {self.page} with {self.per_page} per page goes beyond the first "
                f"{LIMITS.result_window} results. Narrow the search or use the export.")

    def validate_fields(self) -> None:
        """The checks of single fields, each against its limit in :data:`LIMITS`."""
        if len(self.q) > LIMITS.query_length:
            raise SearchInputError(
                "q", f"The search text is {len(self.q)} characters long; at most "
                f"{LIMITS.query_length} are allowed. Shorten it.")
        if self.sort not in SORTS:
            raise SearchInputError("sort", f"Unknown sort {self.sort!r}; use one of "
                                   f"{', '.join(SORTS)}.")
        if self.undated is not None and self.undated not in UNDATED:
            raise SearchInputError("undated", f"Use one of {', '.join(UNDATED)}.")
        if not 1 <= self.per_page <= LIMITS.per_page:
            raise SearchInputError("per_page", f"Must be between 1 and {LIMITS.per_page}.")
        if self.page < 1:
            raise SearchInputError("page", "Pages are counted from 1.")
        for year in self.year:
            if not LIMITS.min_year <= year <= LIMITS.max_year:
                raise SearchInputError("year", f"{year} is not a year between "
                                       f"{LIMITS.min_year} and {LIMITS.max_year}.")
        for name in ("topic", "keyword", "publisher"):
            _check_values(name, getattr(self, name))


@dataclass(frozen=True)
class QuoteSearch(SearchRequest):
    """A search over quotes; ``speaker`` values are canonical names."""

    speaker: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()

    def validate_fields(self) -> None:
        super().validate_fields()
        _check_values("speaker", self.speaker)
        for value in self.kind:
            if value not in KINDS:
                raise SearchInputError("kind", f"Unknown kind {value!r}; use one of "
                                       f"{', '.join(KINDS)}.")


@dataclass(frozen=True)
class ReleaseSearch(SearchRequest):
    """A search over whole releases (title, lead, body)."""


@dataclass(frozen=True)
class SpeakerQuery:
    """Speakers whose name has words starting with the words of ``q``, most quoted first."""

    q: str = ""
    size: int = LIMITS.default_speakers
    page: int = 1

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def validate(self) -> None:
        if len(self.q) > LIMITS.value_length:
            raise SearchInputError("q", f"At most {LIMITS.value_length} characters.")
        if not 1 <= self.size <= LIMITS.per_page:
            raise SearchInputError("size", f"Must be between 1 and {LIMITS.per_page}.")
        if self.page < 1:
            raise SearchInputError("page", "Pages are counted from 1.")
        if self.page * self.size > LIMITS.result_window:
            raise SearchInputError("page", f"Page {self.page} goes beyond the first "
                                   f"{LIMITS.result_window} speakers. Narrow the name.")


def _check_values(name: str, values: tuple[str, ...]) -> None:
    if len(values) > LIMITS.filter_values:
        raise SearchInputError(name, f"At most {LIMITS.filter_values} values can be selected.")
    for value in values:
        if not value.strip() or len(value) > LIMITS.value_length:
            raise SearchInputError(name, f"Each value must be 1 to {LIMITS.value_length} "
                                   "characters long.")
