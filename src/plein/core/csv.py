"""CSV downloads that a spreadsheet cannot take for formulas.

Every CSV Plein offers is written here. A text cell that starts with =, +, -, @, a tab or a
carriage return would be run by Excel or LibreOffice as a formula (=HYPERLINK(...) in a goal's
note, a post's title or a space's name), so such a cell gets a leading single quote, as OWASP
advises against CSV injection. Numbers stay numbers, also negative ones, whether given as int,
float, Decimal or as plain text such as "-5" or "-2.5".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def cell(value: object) -> object:
    """The value as it may go into a CSV cell: text that could start a formula is quoted."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_response(rows: Iterable[Sequence[object]], *, filename: str) -> HttpResponse:
    """A CSV download: UTF-8 with a byte order mark (so that Excel reads the accents), every
    cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response.write("\ufeff")
    csv.writer(response).writerows([cell(value) for value in row] for row in rows)
    return response
