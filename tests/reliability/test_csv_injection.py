"""The CSV export cannot attack whoever opens it: no cell starts like a formula.

A quote record whose every exported field starts with = + - @ or a tab is indexed like a
user file (``tests/hostile.py``); its CSV export is read back with Python's csv module.
"""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.hostile import FORMULA_WORD, HOSTILE_FORMULAS
from tests.reliability.conftest import FIGURES
from web.export import FORMULA_STARTS


@pytest.fixture()
def client(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


def test_formula_cells_are_neutralised_and_json_keeps_the_wording(client: FlaskClient) -> None:
    response = client.get("/api/v1/quotes/export.csv", query_string={"q": FORMULA_WORD})
    assert response.status_code == 200
    assert "apostrophe" in response.headers["X-Formula-Cells"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    header, body = rows[0], rows[1:]
    assert len(body) == 1, body
    cells = dict(zip(header, body[0], strict=True))
    neutralised = 0
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
            neutralised += cell.startswith("'")
    assert neutralised >= 4, cells  # text, speaker, role, publisher at least
    assert cells["text"] == "'" + HOSTILE_FORMULAS["quote"]
    assert cells["speaker"] == "'+Eve Formula"

    exact = client.get("/api/v1/quotes/export.json", query_string={"q": FORMULA_WORD}).json
    assert exact is not None and exact[0]["text"] == HOSTILE_FORMULAS["quote"]
    FIGURES["CSV formula cells neutralised"] += neutralised
