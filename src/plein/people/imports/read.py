"""Reading an HR export: the bytes or text of the file, its encoding, its delimiter, its header
and its rows. The format is described in plein.people.imports."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

COLUMNS = (
    "employee_number",
    "email",
    "first_name",
    "name_prefix",
    "last_name",
    "job_title",
    "department",
    "department_code",
    "location",
    "manager_employee_number",
    "phone",
    "active",
)
REQUIRED_COLUMNS = ("employee_number", "email", "first_name", "last_name")
SNIFF_BYTES = 64 * 1024

ImportFile = IO[str] | IO[bytes] | str | os.PathLike[str] | bytes


class PeopleImportError(Exception):
    """The file cannot be imported; `errors` lists every problem as (line number, message)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = sorted(errors, key=lambda error: error[0])
        super().__init__("\n".join(f"line {line}: {message}" for line, message in self.errors))


def read_text(file: ImportFile) -> str:
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as handle:
            raw: str | bytes = handle.read()
    elif isinstance(file, bytes):
        raw = file
    else:
        raw = file.read()
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    return _decode(raw)


def _line_of(raw: bytes, position: int) -> int:
    return raw.count(b"\n", 0, position) + 1


def _decode(raw: bytes) -> str:
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise PeopleImportError(
            [
                (
                    _line_of(raw, nul),
                    _(
                        "This is not a CSV file (it contains binary data). Save the HR export "
                        "as CSV, separated by commas or semicolons, and try again."
                    ),
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise PeopleImportError(
            [
                (
                    _line_of(raw, error.start),
                    _(
                        "The file could not be read as text: it is neither UTF-8 nor "
                        "Windows-1252. In Excel, save it as 'CSV UTF-8'."
                    ),
                )
            ]
        ) from None


def _delimiter(text: str) -> str:
    """',' or ';': what csv.Sniffer finds, checked against the header row."""
    sample = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        delimiter: str | None = csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        delimiter = None
    header = text.split("\n", 1)[0]
    if delimiter is None or (delimiter not in header and (";" in header or "," in header)):
        delimiter = ";" if header.count(";") > header.count(",") else ","
    return delimiter


def _normalise_column(name: str) -> str:
    return name.strip().removeprefix("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")


@dataclass
class Row:
    line: int
    values: dict[str, str]


def parse(text: str) -> tuple[list[str], list[Row], list[tuple[int, str]]]:
    """The header's columns, the non-empty rows with their line numbers, and rows that do not
    fit the header."""
    if not text.strip():
        raise PeopleImportError([(1, _("The file is empty; it needs a header row."))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[Row] = []
    errors: list[tuple[int, str]] = []
    try:
        header = [_normalise_column(name) for name in next(reader)]
        header_errors = _header_errors(header)
        if header_errors:
            raise PeopleImportError(header_errors)
        named = [(index, name) for index, name in enumerate(header) if name]
        unnamed = {index for index, name in enumerate(header) if not name}
        previous = reader.line_num
        for record in reader:
            line, previous = previous + 1, reader.line_num
            values = [value.strip() for value in record]
            if not any(values):
                continue
            extra = [
                value
                for index, value in enumerate(values)
                if value and (index >= len(header) or index in unnamed)
            ]
            if extra:
                errors.append(
                    (
                        line,
                        _("This row has more values than the header has columns: %(values)s.")
                        % {"values": ", ".join(extra)},
                    )
                )
                continue
            rows.append(
                Row(
                    line,
                    {name: values[index] if index < len(values) else "" for index, name in named},
                )
            )
    except csv.Error as error:
        raise PeopleImportError(
            [(reader.line_num, _("This line is not valid CSV: %(error)s.") % {"error": error})]
        ) from None
    return [name for _index, name in named], rows, errors


def _header_errors(header: list[str]) -> list[tuple[int, str]]:
    names = [name for name in header if name]
    errors = []
    if not names:
        return [(1, _("The first row must be a header with the column names."))]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        message = _("Unknown columns: %(unknown)s. The columns are: %(expected)s.") % {
            "unknown": ", ".join(unknown),
            "expected": ", ".join(COLUMNS),
        }
        if len(names) == 1:
            message += " " + _("Separate the columns with commas or semicolons.")
        errors.append((1, message))
    doubles = sorted({name for name in names if names.count(name) > 1})
    if doubles:
        errors.append(
            (1, _("Columns appear more than once: %(columns)s.") % {"columns": ", ".join(doubles)})
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        errors.append(
            (
                1,
                _("Required columns are missing: %(missing)s. The columns are: %(expected)s.")
                % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)},
            )
        )
    return errors
