"""CSV cells that a spreadsheet would run as formulas are neutralised (OWASP)."""

from __future__ import annotations

import pytest

from web.export import FORMULA_STARTS, neutralised


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_gets_a_leading_apostrophe(start: str) -> None:
    assert neutralised(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("value", ["", "Integration", "'schon zitiert", "1+1", " =1",
                                   "„=1“", "2020-01-04"])
def test_other_cells_keep_their_exact_wording(value: str) -> None:
    assert neutralised(value) == value
