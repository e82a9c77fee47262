"""The one CSV writer: what a spreadsheet would run as a formula is quoted, nothing else."""

import csv
import io
from decimal import Decimal

import pytest

from plein.core.csv import cell, csv_response


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\r=1", '=HYPERLINK("http://x","y")', "-"],
)
def test_text_that_could_start_a_formula_gets_a_quote(text: str) -> None:
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, 3, 2.5, Decimal("-1.5"), "-5", "+3", "-2.5", "12,5"])
def test_numbers_stay_numbers(value: object) -> None:
    assert cell(value) == value


def test_ordinary_text_and_none() -> None:
    assert cell("Jan de Vries") == "Jan de Vries"
    assert cell("a=b") == "a=b"
    assert cell(None) == ""


def test_response_is_a_utf8_download_with_every_cell_neutralised() -> None:
    response = csv_response([["Naam", "Aantal"], ["=cmd", -4], ["Zoë", 2]], filename="x.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows == [["Naam", "Aantal"], ["'=cmd", "-4"], ["Zoë", "2"]]
