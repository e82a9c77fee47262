"""Import people from an HR export: a CSV file that creates and updates people and departments.

The file format
===============

* The first row is a header naming the columns; their order does not matter. Column names are
  read case-insensitively; spaces and hyphens count as underscores ("Employee number" works).
* Values are separated by commas or semicolons (Dutch Excel writes semicolons); this is detected.
* The text is UTF-8, with or without a byte order mark ("CSV UTF-8" in Excel), or Windows-1252
  (plain "CSV" from Excel on Windows).
* Line numbers in error messages count the header as line 1.

Columns (only the first four are required; any other column name is an error):

employee_number          The key: who this row is about. Required, unique in the file.
email                    Required, a valid address, unique in the file and not used by someone
                         with another employee number in Plein. Stored in lower case.
first_name               Required.
name_prefix              "van", "de", "van der", ...
last_name                Required.
job_title
department               The department's name. Nested departments are written from the top
                         down as "Parent > Child"; missing departments are created.
department_code          The department's code in the HR system (optional). With a code the
                         department is found by its code, so a renamed or moved department in
                         HR is renamed or moved in Plein. A code alone (without a name) must be
                         known in Plein already.
location                 The location's name; created when missing.
manager_employee_number  The manager's employee number: someone in the file (also further down)
                         or already in Plein. Nobody can be their own manager, and managers
                         cannot form a circle.
phone
active                   1/0, yes/no, ja/nee or true/false; empty means active. "No" deactivates
                         the account (it is never deleted); "yes" reactivates it.

How rows are applied
====================

* Every row is checked first and every problem is reported with its line number; if there is any
  problem nothing at all is written.
* People are matched on employee_number. Someone in Plein without an employee number whose e-mail
  address appears in the file gets that row's employee number (for example the administrator
  who installed Plein).
* New people get no usable password: they choose one with "Forgot your password?", or with the
  link in the welcome e-mail that the import sends each new (active) person when asked to
  (send_welcome), once the import is committed.
* A column that is left out of the file is left alone in Plein; an empty value in a column that
  is present clears that value (for example the job title or the department).
  Without an active column nobody is deactivated or reactivated.
* People who are not in the file are left alone. Roles are not part of the import.
* Importing the same file again changes nothing: rows are compared before anything is saved.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from dataclasses import dataclass
from typing import IO, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connections, router, transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.accounts.roles import ADMINISTRATOR
from plein.spaces.services import default_spaces_sync

from .models import Department, Location, Person
from .services import person_send_welcome

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
# Columns that are copied as they are (trimmed) onto the person.
TEXT_FIELDS = ("email", "first_name", "name_prefix", "last_name", "job_title", "phone")
DEPARTMENT_SEPARATOR = ">"
TRUE_VALUES = frozenset({"1", "yes", "ja", "true"})
FALSE_VALUES = frozenset({"0", "no", "nee", "false"})
BATCH_SIZE = 500
SNIFF_BYTES = 64 * 1024

ImportFile = IO[str] | IO[bytes] | str | os.PathLike[str] | bytes


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do). Every row counts in exactly one of
    created / updated / unchanged / deactivated / reactivated."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    reactivated: int = 0
    departments_created: int = 0
    departments_updated: int = 0
    locations_created: int = 0
    # New active people sent (in a dry run: to be sent) the welcome e-mail; None: not asked.
    welcomed: int | None = None
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.deactivated + self.reactivated


class PeopleImportError(Exception):
    """The file cannot be imported; `errors` lists every problem as (line number, message)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = sorted(errors, key=lambda error: error[0])
        super().__init__("\n".join(f"line {line}: {message}" for line, message in self.errors))


def _max_length(model: type, field: str) -> int:
    return model._meta.get_field(field).max_length  # type: ignore[attr-defined,no-any-return]


# --- Reading the file ------------------------------------------------------------------------


def _read_text(file: ImportFile) -> str:
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
class _Row:
    line: int
    values: dict[str, str]


def _parse(text: str) -> tuple[list[str], list[_Row], list[tuple[int, str]]]:
    """The header's columns, the non-empty rows with their line numbers, and rows that do not
    fit the header."""
    if not text.strip():
        raise PeopleImportError([(1, _("The file is empty; it needs a header row."))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[_Row] = []
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
                _Row(
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


# --- Departments -----------------------------------------------------------------------------


class _Department:
    """A department as it will be after the import: existing (pk set) or to be created."""

    __slots__ = ("code", "name", "original", "parent", "pk")

    def __init__(
        self, *, pk: int | None, name: str, parent: _Department | None, code: str | None
    ) -> None:
        self.pk = pk
        self.name = name
        self.parent = parent
        self.code = code
        self.original: tuple[str, _Department | None, str | None] | None = None

    def path(self) -> str:
        parts, node = [], self
        while node is not None:
            parts.append(node.name)
            node = node.parent  # type: ignore[assignment]
        return f" {DEPARTMENT_SEPARATOR} ".join(reversed(parts))

    def is_below(self, other: _Department) -> bool:
        node: _Department | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


class _DepartmentPlan:
    def __init__(self) -> None:
        existing = list(Department.objects.values_list("pk", "name", "parent_id", "code"))
        self.by_pk = {
            pk: _Department(pk=pk, name=name, parent=None, code=code)
            for pk, name, _parent, code in existing
        }
        for pk, _name, parent_id, _code in existing:
            self.by_pk[pk].parent = self.by_pk.get(parent_id) if parent_id else None
        for node in self.by_pk.values():
            node.original = (node.name, node.parent, node.code)
        self.by_code = {node.code: node for node in self.by_pk.values() if node.code}
        self.by_place = {(node.parent, node.name): node for node in self.by_pk.values()}
        self.operations: list[_Department] = []  # creations and changes, in order

    def _touch(self, node: _Department) -> None:
        if node not in self.operations:
            self.operations.append(node)

    def path(self, segments: tuple[str, ...]) -> _Department:
        parent = None
        for name in segments:
            node = self.by_place.get((parent, name))
            if node is None:
                node = _Department(pk=None, name=name, parent=parent, code=None)
                self.by_place[(parent, name)] = node
                self._touch(node)
            parent = node
        assert parent is not None
        return parent

    def with_code(self, segments: tuple[str, ...], code: str) -> _Department | str:
        """The department with this code, renamed/moved to `segments`; or an error message."""
        node = self.by_code.get(code)
        if node is None:
            node = self.path(segments)
            if node.code:
                return _("Department '%(path)s' has code %(existing)s in Plein, not %(code)s.") % {
                    "path": node.path(),
                    "existing": node.code,
                    "code": code,
                }
            node.code = code
            self.by_code[code] = node
            self._touch(node)
            return node
        parent = self.path(segments[:-1]) if len(segments) > 1 else None
        name = segments[-1]
        if (node.parent, node.name) == (parent, name):
            return node
        other = self.by_place.get((parent, name))
        if other is not None and other is not node:
            return _(
                "Department code %(code)s belongs to '%(current)s' in Plein; it cannot become "
                "'%(path)s' because another department already has that name."
            ) % {"code": code, "current": node.path(), "path": " > ".join(segments)}
        if parent is not None and parent.is_below(node):
            return _(
                "Department code %(code)s belongs to '%(current)s' in Plein; it cannot move "
                "below itself to '%(path)s'."
            ) % {"code": code, "current": node.path(), "path": " > ".join(segments)}
        del self.by_place[(node.parent, node.name)]
        node.parent, node.name = parent, name
        self.by_place[(parent, name)] = node
        self._touch(node)
        return node

    @property
    def created(self) -> list[_Department]:
        return [node for node in self.operations if node.pk is None]

    @property
    def changed(self) -> list[_Department]:
        return [
            node
            for node in self.operations
            if node.pk is not None and node.original != (node.name, node.parent, node.code)
        ]

    def save(self) -> None:
        for node in self.operations:
            parent_id = node.parent.pk if node.parent else None
            if node.pk is None:
                node.pk = Department.objects.create(
                    name=node.name, parent_id=parent_id, code=node.code
                ).pk
            elif node.original != (node.name, node.parent, node.code):
                Department.objects.filter(pk=node.pk).update(
                    name=node.name, parent_id=parent_id, code=node.code
                )


# --- Checking the rows -----------------------------------------------------------------------


_UNSET: object = object()
DepartmentRow = tuple["_Entry", tuple[str, ...], str]


@dataclass(eq=False)
class _Entry:
    """One row of the file, as it will be applied."""

    line: int
    number: str
    text: dict[str, str]
    person: Person | None = None  # the person in Plein this row is about; None: a new person
    department: object = _UNSET  # _Department | None when the file has department columns
    location: object = _UNSET  # location name | None when the file has a location column
    manager: object = _UNSET  # manager's employee number | None when the file has that column
    active: bool | None = None  # None when the file has no active column


def _department_segments(value: str) -> tuple[str, ...] | None:
    segments = tuple(" ".join(part.split()) for part in value.split(DEPARTMENT_SEPARATOR))
    return segments if all(segments) else None


class _Checker:
    """Checks every row against the file and against Plein, and knows what each row means."""

    def __init__(
        self,
        columns: list[str],
        rows: list[_Row],
        errors: list[tuple[int, str]],
        actor: Person | None,
    ) -> None:
        self.columns = set(columns)
        self.rows = rows
        self.actor = actor
        self.errors = list(errors)
        self.limits = {
            field: _max_length(Person, field) for field in ("employee_number", *TEXT_FIELDS)
        }
        self.people = list(
            Person.objects.only(
                "pk",
                "employee_number",
                "is_active",
                "manager_id",
                "department_id",
                "location_id",
                *TEXT_FIELDS,
            )
        )
        self.by_number = {p.employee_number: p for p in self.people if p.employee_number}
        self.by_email = {p.email.lower(): p for p in self.people}
        self.departments = _DepartmentPlan()
        self.locations: dict[str, int] = dict(Location.objects.values_list("name", "pk"))
        self.entries: list[_Entry] = []
        self.in_file: dict[str, _Entry] = {}  # employee number -> its (first) row

    def error(self, line: int, message: str) -> None:
        self.errors.append((line, message))

    def check(self) -> None:
        seen_emails: dict[str, int] = {}
        department_rows: list[DepartmentRow] = []
        for row in self.rows:
            self.entries.append(self._check_row(row, seen_emails, department_rows))
        self._check_departments(department_rows)
        self._check_managers()
        self._check_deactivations()

    def _check_row(
        self, row: _Row, seen_emails: dict[str, int], department_rows: list[DepartmentRow]
    ) -> _Entry:
        line, values = row.line, row.values
        for column in REQUIRED_COLUMNS:
            if not values[column]:
                self.error(line, _("%(column)s is required but empty.") % {"column": column})
        for column, limit in self.limits.items():
            if len(values.get(column, "")) > limit:
                self.error(
                    line,
                    _("%(column)s is too long: at most %(limit)d characters.")
                    % {"column": column, "limit": limit},
                )
        number = values["employee_number"]
        email = values["email"].lower()
        person = self.by_number.get(number) if number else None
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(
                    line, _("%(email)s is not a valid e-mail address.") % {"email": values["email"]}
                )
            if email in seen_emails:
                self.error(
                    line,
                    _("E-mail address %(email)s also appears on line %(line)d.")
                    % {"email": email, "line": seen_emails[email]},
                )
            else:
                seen_emails[email] = line
            person = self._check_email_owner(line, email, person)
        entry = _Entry(
            line=line,
            number=number,
            text={
                column: email if column == "email" else values[column]
                for column in TEXT_FIELDS
                if column in self.columns
            },
            person=person,
        )
        if number:
            first = self.in_file.setdefault(number, entry)
            if first is not entry:
                self.error(
                    line,
                    _("Employee number %(number)s also appears on line %(line)d.")
                    % {"number": number, "line": first.line},
                )
        if "active" in self.columns:
            active = values["active"].lower()
            if not active or active in TRUE_VALUES:
                entry.active = True
            elif active in FALSE_VALUES:
                entry.active = False
            else:
                self.error(
                    line,
                    _("active is %(value)s; use 1/0, yes/no, ja/nee or true/false.")
                    % {"value": values["active"]},
                )
        if "location" in self.columns:
            location = values["location"]
            limit = _max_length(Location, "name")
            if len(location) > limit:
                self.error(
                    line,
                    _("%(column)s is too long: at most %(limit)d characters.")
                    % {"column": "location", "limit": limit},
                )
            entry.location = location or None
        if "manager_employee_number" in self.columns:
            manager = values["manager_employee_number"]
            if manager and manager == number:
                self.error(line, _("A person cannot be their own manager."))
            entry.manager = manager or None
        self._check_department_values(entry, values, department_rows)
        return entry

    def _check_email_owner(self, line: int, email: str, person: Person | None) -> Person | None:
        owner = self.by_email.get(email)
        if owner is None or owner is person:
            return person
        if person is None and not owner.employee_number:
            return owner  # already in Plein without an employee number: this row is about them
        if owner.employee_number:
            self.error(
                line,
                _(
                    "E-mail address %(email)s already belongs to %(name)s (employee number "
                    "%(number)s) in Plein."
                )
                % {"email": email, "name": owner.full_name, "number": owner.employee_number},
            )
        else:
            self.error(
                line,
                _(
                    "E-mail address %(email)s already belongs to %(name)s in Plein, who has no "
                    "employee number."
                )
                % {"email": email, "name": owner.full_name},
            )
        return person

    def _check_department_values(
        self, entry: _Entry, values: dict[str, str], department_rows: list[DepartmentRow]
    ) -> None:
        if "department" not in self.columns and "department_code" not in self.columns:
            return
        name = values.get("department", "")
        code = values.get("department_code", "")
        segments = _department_segments(name) if name else ()
        name_limit, code_limit = _max_length(Department, "name"), _max_length(Department, "code")
        if segments is None:
            self.error(
                entry.line,
                _(
                    "Department %(value)s has an empty part; write nested departments as "
                    "'Parent > Child'."
                )
                % {"value": name},
            )
        elif any(len(segment) > name_limit for segment in segments):
            self.error(
                entry.line,
                _("A department name is too long: at most %(limit)d characters.")
                % {"limit": name_limit},
            )
        elif len(code) > code_limit:
            self.error(
                entry.line,
                _("%(column)s is too long: at most %(limit)d characters.")
                % {"column": "department_code", "limit": code_limit},
            )
        else:
            department_rows.append((entry, segments, code))

    def _check_departments(self, department_rows: list[DepartmentRow]) -> None:
        # Rows with a code and a name first (they may rename or move a department that other
        # rows name), then rows with only a code, then rows with only a name.
        ordered = sorted(
            department_rows, key=lambda row: 0 if row[1] and row[2] else 1 if row[2] else 2
        )
        code_first: dict[str, tuple[int, tuple[str, ...]]] = {}
        path_first: dict[tuple[str, ...], tuple[int, str]] = {}
        for entry, segments, code in ordered:
            result: _Department | str | None
            if code and segments:
                earlier = code_first.setdefault(code, (entry.line, segments))
                other = path_first.setdefault(segments, (entry.line, code))
                if earlier[1] != segments:
                    result = _(
                        "Department code %(code)s is used for '%(path)s' on line %(line)d."
                    ) % {
                        "code": code,
                        "path": " > ".join(earlier[1]),
                        "line": earlier[0],
                    }
                elif other[1] != code:
                    result = _("Department '%(path)s' has code %(code)s on line %(line)d.") % {
                        "path": " > ".join(segments),
                        "code": other[1],
                        "line": other[0],
                    }
                else:
                    result = self.departments.with_code(segments, code)
            elif code:
                result = self.departments.by_code.get(code) or _(
                    "Department code %(code)s is unknown in Plein; also give the department's name."
                ) % {"code": code}
            elif segments:
                result = self.departments.path(segments)
            else:
                result = None
            if isinstance(result, str):
                self.error(entry.line, result)
            else:
                entry.department = result

    def manager_pk(self, number: str) -> int | None:
        """The primary key of the person in Plein with this employee number (before import)."""
        entry = self.in_file.get(number)
        if entry is not None and entry.person is not None:
            return entry.person.pk
        person = self.by_number.get(number)
        return person.pk if person is not None else None

    def _check_managers(self) -> None:
        def node(entry: _Entry) -> str:
            return f"pk:{entry.person.pk}" if entry.person is not None else f"new:{entry.number}"

        # Who manages whom after the import: the file's rows, and Plein for everyone else.
        following: dict[str, str | None] = {}
        label: dict[str, str] = {}
        line_of: dict[str, int] = {}
        for person in self.people:
            key = f"pk:{person.pk}"
            following[key] = f"pk:{person.manager_id}" if person.manager_id else None
            label[key] = person.employee_number or person.full_name
        for entry in self.entries:
            manager = entry.manager
            if (
                isinstance(manager, str)
                and manager != entry.number
                and manager not in self.in_file
                and manager not in self.by_number
            ):
                self.error(
                    entry.line,
                    _("Manager %(number)s is not in the file and not in Plein.")
                    % {"number": manager},
                )
                manager = None
            if not entry.number or self.in_file[entry.number] is not entry:
                continue
            key = node(entry)
            label[key], line_of[key] = entry.number, entry.line
            if manager is _UNSET:
                following.setdefault(key, None)
            elif not isinstance(manager, str) or manager == entry.number:
                following[key] = None
            elif manager in self.in_file:
                following[key] = node(self.in_file[manager])
            else:
                following[key] = f"pk:{self.by_number[manager].pk}"
        done: set[str] = set()
        for start in line_of:
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = start
            while current is not None and current not in done and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = following.get(current)
            if current is not None and current in on_path:
                circle = path[path.index(current) :]
                lines = [line_of[key] for key in circle if key in line_of]
                if lines:
                    chain = " → ".join(label[key] for key in [*circle, circle[0]])
                    self.error(
                        min(lines), _("Managers form a circle: %(chain)s.") % {"chain": chain}
                    )
            done.update(path)

    def _check_deactivations(self) -> None:
        leaving = {
            entry.person.pk: entry
            for entry in self.entries
            if entry.active is False and entry.person is not None and entry.person.is_active
        }
        if not leaving:
            return
        if self.actor is not None and self.actor.pk in leaving:
            self.error(leaving[self.actor.pk].line, _("You cannot deactivate your own account."))
        administrators = set(
            Person.objects.filter(is_active=True, groups__name=ADMINISTRATOR.key).values_list(
                "pk", flat=True
            )
        )
        if administrators and administrators <= set(leaving):
            for pk in sorted(administrators):
                self.error(
                    leaving[pk].line,
                    _(
                        "This would deactivate the last active administrator. Make someone "
                        "else administrator first."
                    ),
                )


# --- Applying --------------------------------------------------------------------------------


@dataclass
class _Plan:
    changes: dict[int, dict[str, object]]  # entry index -> field -> new value (existing people)
    manager_later: list[int]  # entries whose manager is created by this import as well
    result: ImportResult


def _plan(checker: _Checker, dry_run: bool) -> _Plan:
    """Compare every row with Plein: what changes, and the counts."""
    result = ImportResult(dry_run=dry_run)
    result.departments_created = len(checker.departments.created)
    result.departments_updated = len(checker.departments.changed)
    result.locations_created = len(
        {e.location for e in checker.entries if isinstance(e.location, str)}
        - set(checker.locations)
    )
    changes: dict[int, dict[str, object]] = {}
    manager_later: list[int] = []
    for index, entry in enumerate(checker.entries):
        person = entry.person
        manager_pk = checker.manager_pk(entry.manager) if isinstance(entry.manager, str) else None
        if person is None:
            result.created += 1
            if isinstance(entry.manager, str) and manager_pk is None:
                manager_later.append(index)  # their manager is new too
            continue
        change: dict[str, object] = {
            field: value for field, value in entry.text.items() if getattr(person, field) != value
        }
        if person.employee_number != entry.number:
            change["employee_number"] = entry.number
        department = entry.department
        if isinstance(department, _Department):
            if department.pk is None or department.pk != person.department_id:
                change["department"] = department
        elif department is None and person.department_id is not None:
            change["department"] = None
        if entry.location is not _UNSET:
            location_pk = checker.locations.get(entry.location) if entry.location else None  # type: ignore[call-overload]
            if location_pk != person.location_id or (entry.location and location_pk is None):
                change["location"] = entry.location
        manager_later_too = False
        if entry.manager is not _UNSET:
            if isinstance(entry.manager, str) and manager_pk is None:
                manager_later.append(index)  # their manager is new
                manager_later_too = True
            elif manager_pk != person.manager_id:
                change["manager"] = manager_pk
        if entry.active is False and person.is_active:
            change["is_active"] = False
            result.deactivated += 1
        elif entry.active is True and not person.is_active:
            change["is_active"] = True
            result.reactivated += 1
        elif change or manager_later_too:
            result.updated += 1
        else:
            result.unchanged += 1
        if change:
            changes[index] = change
    return _Plan(changes, manager_later, result)


def _bulk_update(people: list[Person], fields: tuple[str, ...] | list[str]) -> None:
    """Save these fields of these people: one UPDATE per person, sent with executemany.

    Much quicker than QuerySet.bulk_update, whose CASE WHEN statements take Django seconds to
    build for thousands of rows.
    """
    if not people:
        return
    connection = connections[router.db_for_write(Person)]
    quote = connection.ops.quote_name
    model_fields = [cast(Field, Person._meta.get_field(name)) for name in fields]
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in model_fields)
    table, key = quote(Person._meta.db_table), quote(str(Person._meta.pk.column))  # type: ignore[union-attr]
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608 - names from the model
    params = [
        [
            field.get_db_prep_save(getattr(person, field.attname), connection)
            for field in model_fields
        ]
        + [person.pk]
        for person in people
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _apply(plan: _Plan, checker: _Checker) -> list[Person]:
    """Write the plan; returns the people it created."""
    now = timezone.now()
    entries = checker.entries
    checker.departments.save()
    locations = dict(checker.locations)
    missing = sorted({e.location for e in entries if isinstance(e.location, str)} - set(locations))
    created_locations = Location.objects.bulk_create([Location(name=name) for name in missing])
    locations.update((location.name, location.pk) for location in created_locations)
    if any(location.pk is None for location in created_locations):
        locations.update(Location.objects.filter(name__in=missing).values_list("name", "pk"))

    def department_pk(value: object) -> int | None:
        return value.pk if isinstance(value, _Department) else None

    def location_pk(value: object) -> int | None:
        return locations[value] if isinstance(value, str) else None

    # People already in Plein: write only what differs, grouped by the fields that change.
    groups: dict[tuple[str, ...], list[Person]] = defaultdict(list)
    for index, change in plan.changes.items():
        person = entries[index].person
        assert person is not None
        fields = set(change)
        for field, value in change.items():
            if field == "department":
                person.department_id = department_pk(value)
            elif field == "location":
                person.location_id = location_pk(value)
            elif field == "manager":
                person.manager_id = value  # type: ignore[assignment]
            elif field == "is_active":
                person.is_active = bool(value)
                person.deactivated_at = None if value else now
                fields.add("deactivated_at")
            else:
                setattr(person, field, value)
        groups[tuple(sorted(fields))].append(person)
    for names, people in groups.items():
        _bulk_update(people, names)

    # New people: no usable password (they choose one) and, for now, no manager.
    created: list[Person] = []
    for entry in entries:
        if entry.person is not None:
            continue
        person = Person(employee_number=entry.number, **entry.text)
        person.department_id = department_pk(entry.department)
        person.location_id = location_pk(entry.location)
        if isinstance(entry.manager, str):
            person.manager_id = checker.manager_pk(entry.manager)  # None when also new
        if entry.active is False:
            person.is_active = False
            person.deactivated_at = now
        person.set_unusable_password()
        created.append(person)
        entry.person = person
    Person.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if any(person.pk is None for person in created):  # for databases that return no keys
        numbers = [person.employee_number for person in created]
        pks = dict(
            Person.objects.filter(employee_number__in=numbers).values_list("employee_number", "pk")
        )
        for person in created:
            person.pk = pks[person.employee_number]

    # Managers who are new themselves, now that everyone has a primary key.
    later = []
    for index in plan.manager_later:
        entry = entries[index]
        assert entry.person is not None and isinstance(entry.manager, str)
        manager = checker.in_file.get(entry.manager)
        manager_pk = manager.person.pk if manager and manager.person else None
        manager_pk = manager_pk or checker.manager_pk(entry.manager)
        if entry.person.manager_id != manager_pk:
            entry.person.manager_id = manager_pk
            later.append(entry.person)
    _bulk_update(later, ["manager"])
    return created


def people_import_csv(
    *,
    file: ImportFile,
    actor: Person | None = None,
    dry_run: bool = False,
    send_welcome: bool = False,
    site_url: str = "",
) -> ImportResult:
    """Create, update, deactivate and reactivate people from an HR export (see the module doc).

    `file` is a path, bytes, or a binary or text file object. Raises PeopleImportError with
    every problem found, and then writes nothing. With dry_run nothing is written either; the
    result says what an import would do. With send_welcome every new active person gets the
    welcome e-mail (people.services.person_send_welcome, with a link on `site_url`) once the
    import is committed.
    """
    if send_welcome and not site_url:
        raise ValueError("A welcome e-mail needs the site's address (site_url).")
    columns, rows, row_errors = _parse(_read_text(file))
    with transaction.atomic():
        checker = _Checker(columns, rows, row_errors, actor)
        checker.check()
        if checker.errors:
            raise PeopleImportError(checker.errors)
        plan = _plan(checker, dry_run)
        if send_welcome:
            plan.result.welcomed = sum(
                1 for entry in checker.entries if entry.person is None and entry.active is not False
            )
        if not dry_run:
            created = _apply(plan, checker)
            transaction.on_commit(lambda: default_spaces_sync())
            if send_welcome:
                for person in created:
                    if person.is_active:
                        person_send_welcome(person=person, site_url=site_url)
    return plan.result
