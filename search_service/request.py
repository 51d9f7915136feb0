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

Sort = Literal["relevance", "newest", "oldest"]
Undated = Literal["include", "exclude", "only"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
UNDATED: tuple[Undated, ...] = ("include", "exclude", "only")
KINDS = ("direct", "indirect", "statement")

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_RESULT_WINDOW = 10_000  # the indices' max_result_window
MAX_FILTER_VALUES = 50
MAX_VALUE_LENGTH = 300
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class SearchRequest:
    """What quote and release searches share: text, filters, dates, sort and page."""

    q: str = ""
    topic: tuple[str, ...] = ()
    publisher: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    undated: Undated | None = None  # None: include unless a date range is set
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def selected(self, facet: str) -> tuple[str, ...]:
        """The values selected for ``facet``, as strings (the facets' value type)."""
        return tuple(str(value) for value in getattr(self, facet, ()))

    def validate(self) -> None:
        """Raise :class:`SearchInputError` for the first unusable value."""
        if len(self.q) > MAX_QUERY_LENGTH:
            raise SearchInputError(
                "q", f"The search text is {len(self.q)} characters long; at most "
                f"{MAX_QUERY_LENGTH} are allowed. Shorten it.")
        if self.sort not in SORTS:
            raise SearchInputError("sort", f"Unknown sort {self.sort!r}; use one of "
                                   f"{', '.join(SORTS)}.")
        if self.undated is not None and self.undated not in UNDATED:
            raise SearchInputError("undated", f"Use one of {', '.join(UNDATED)}.")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise SearchInputError("per_page", f"Must be between 1 and {MAX_PER_PAGE}.")
        if self.page < 1:
            raise SearchInputError("page", "Pages are counted from 1.")
        if self.page * self.per_page > MAX_RESULT_WINDOW:
            raise SearchInputError(
                "page", f"Page {self.page} with {self.per_page} per page goes beyond the first "
                f"{MAX_RESULT_WINDOW} results. Narrow the search or use the export.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SearchInputError("date_to", "The end date lies before the start date.")
        for year in self.year:
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise SearchInputError("year", f"{year} is not a year between {MIN_YEAR} "
                                       f"and {MAX_YEAR}.")
        for name in ("topic", "publisher"):
            _check_values(name, getattr(self, name))


@dataclass(frozen=True)
class QuoteSearch(SearchRequest):
    """A search over quotes; ``speaker`` values are canonical names."""

    speaker: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()

    def validate(self) -> None:
        super().validate()
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
    q: str = ""
    size: int = 50

    def validate(self) -> None:
        if len(self.q) > MAX_VALUE_LENGTH:
            raise SearchInputError("q", f"At most {MAX_VALUE_LENGTH} characters.")
        if not 1 <= self.size <= MAX_PER_PAGE:
            raise SearchInputError("size", f"Must be between 1 and {MAX_PER_PAGE}.")


def _check_values(name: str, values: tuple[str, ...]) -> None:
    if len(values) > MAX_FILTER_VALUES:
        raise SearchInputError(name, f"At most {MAX_FILTER_VALUES} values can be selected.")
    for value in values:
        if not value.strip() or len(value) > MAX_VALUE_LENGTH:
            raise SearchInputError(name, f"Each value must be 1 to {MAX_VALUE_LENGTH} "
                                   "characters long.")
