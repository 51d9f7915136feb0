"""The README's "Limits" table is generated from :mod:`search_service.limits`."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from search_service.limits import LIMITS, Limits, limits_table

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_shows_the_limits_table_verbatim() -> None:
    table = limits_table()
    assert table in README.read_text(encoding="utf-8"), (
        "README.md's Limits table is out of date; replace it with the output of "
        "`python -c 'from search_service.limits import limits_table; print(limits_table())'`")


def test_every_limit_is_a_positive_number_with_help() -> None:
    for item in fields(Limits):
        assert isinstance(getattr(LIMITS, item.name), int) and getattr(LIMITS, item.name) > 0
        assert item.metadata["help"], item.name
    assert LIMITS.default_per_page <= LIMITS.per_page
    assert LIMITS.min_year < LIMITS.max_year
    assert LIMITS.export_batch <= LIMITS.export_rows
