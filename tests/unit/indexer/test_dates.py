from __future__ import annotations

import pytest

from indexer.dates import PublishedDate, parse_published


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018-06-14", PublishedDate("2018-06-14", "day")),
        ("2018-06-14T10:00:00+02:00", PublishedDate("2018-06-14", "day")),
        ("14.06.2018", PublishedDate("2018-06-14", "day")),
        ("2018-06", PublishedDate("2018-06", "month")),
        ("2018", PublishedDate("2018", "year")),
        (None, None),
        ("", None),
    ],
)
def test_dates_keep_their_precision(raw: object, expected: PublishedDate | None) -> None:
    assert parse_published(raw) == expected


@pytest.mark.parametrize("raw", ["2018-02-30", "gestern", "0001-01-01", "9999-12-31", 3.5])
def test_bad_dates_say_why(raw: object) -> None:
    with pytest.raises(ValueError, match=r"date|year|not"):
        parse_published(raw)
