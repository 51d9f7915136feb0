from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError

from web.dates import date_bounds


@pytest.mark.parametrize(("text", "bounds"), [
    ("2018-06-14", (date(2018, 6, 14), date(2018, 6, 14))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2023-12", (date(2023, 12, 1), date(2023, 12, 31))),
    ("2018", (date(2018, 1, 1), date(2018, 12, 31))),
    ("2018-01-01/2019-06", (date(2018, 1, 1), date(2019, 6, 30))),
    ("2018..2019", (date(2018, 1, 1), date(2019, 12, 31))),
])
def test_bounds(text: str, bounds: tuple[date, date]) -> None:
    assert date_bounds(text) == bounds


@pytest.mark.parametrize("text", ["yesterday", "2018-13", "2018-02-30", "2019/2018", "1/2/3"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValidationError):
        date_bounds(text)
