"""Checking an HR export's rows against each other and against Plein, and planning what the
import changes: every problem with its line number, or, when there is none, the changes and
the counts (ImportResult). Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..models import Department, Location, Person
from ..roles import ADMINISTRATOR
from .departments import DepartmentNode, DepartmentPlan, department_segments
from .read import REQUIRED_COLUMNS, Row

# Columns that are copied as they are (trimmed) onto the person.
TEXT_FIELDS = ("email", "first_name", "name_prefix", "last_name", "job_title", "phone")
TRUE_VALUES = frozenset({"1", "yes", "ja", "true"})
FALSE_VALUES = frozenset({"0", "no", "nee", "false"})


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


def max_length(model: type, field: str) -> int:
    return model._meta.get_field(field).max_length  # type: ignore[attr-defined,no-any-return]


UNSET: object = object()
DepartmentRow = tuple["Entry", tuple[str, ...], str]


@dataclass(eq=False)
class Entry:
    """One row of the file, as it will be applied."""

    line: int
    number: str
    text: dict[str, str]
    person: Person | None = None  # the person in Plein this row is about; None: a new person
    department: object = UNSET  # DepartmentNode | None when the file has department columns
    location: object = UNSET  # location name | None when the file has a location column
    manager: object = UNSET  # manager's employee number | None when the file has that column
    active: bool | None = None  # None when the file has no active column


class Checker:
    """Checks every row against the file and against Plein, and knows what each row means."""

    def __init__(
        self,
        columns: list[str],
        rows: list[Row],
        errors: list[tuple[int, str]],
        actor: Person | None,
    ) -> None:
        self.columns = set(columns)
        self.rows = rows
        self.actor = actor
        self.errors = list(errors)
        self.limits = {
            field: max_length(Person, field) for field in ("employee_number", *TEXT_FIELDS)
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
        self.departments = DepartmentPlan()
        self.locations: dict[str, int] = dict(Location.objects.values_list("name", "pk"))
        self.entries: list[Entry] = []
        self.in_file: dict[str, Entry] = {}  # employee number -> its (first) row

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
        self, row: Row, seen_emails: dict[str, int], department_rows: list[DepartmentRow]
    ) -> Entry:
        line, values = row.line, row.values
        self._check_filled_in_and_lengths(line, values)
        number = values["employee_number"]
        email = values["email"].lower()
        person = self.by_number.get(number) if number else None
        if email:
            person = self._check_email(line, values["email"], seen_emails, person)
        entry = Entry(
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
        self._check_optional_values(entry, values)
        self._check_department_values(entry, values, department_rows)
        return entry

    def _check_filled_in_and_lengths(self, line: int, values: dict[str, str]) -> None:
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

    def _check_email(
        self, line: int, value: str, seen_emails: dict[str, int], person: Person | None
    ) -> Person | None:
        """Checks the (non-empty) address as written; returns who the row is about."""
        email = value.lower()
        try:
            validate_email(email)
        except ValidationError:
            self.error(line, _("%(email)s is not a valid e-mail address.") % {"email": value})
        if email in seen_emails:
            self.error(
                line,
                _("E-mail address %(email)s also appears on line %(line)d.")
                % {"email": email, "line": seen_emails[email]},
            )
        else:
            seen_emails[email] = line
        return self._check_email_owner(line, email, person)

    def _check_optional_values(self, entry: Entry, values: dict[str, str]) -> None:
        """The active, location and manager columns, when the file has them."""
        line = entry.line
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
            limit = max_length(Location, "name")
            if len(location) > limit:
                self.error(
                    line,
                    _("%(column)s is too long: at most %(limit)d characters.")
                    % {"column": "location", "limit": limit},
                )
            entry.location = location or None
        if "manager_employee_number" in self.columns:
            manager = values["manager_employee_number"]
            if manager and manager == entry.number:
                self.error(line, _("A person cannot be their own manager."))
            entry.manager = manager or None

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
        self, entry: Entry, values: dict[str, str], department_rows: list[DepartmentRow]
    ) -> None:
        if "department" not in self.columns and "department_code" not in self.columns:
            return
        name = values.get("department", "")
        code = values.get("department_code", "")
        segments = department_segments(name) if name else ()
        name_limit, code_limit = max_length(Department, "name"), max_length(Department, "code")
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
            result: DepartmentNode | str | None
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
        def node(entry: Entry) -> str:
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
            if manager is UNSET:
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


# --- Planning the changes --------------------------------------------------------------------


@dataclass
class Plan:
    changes: dict[int, dict[str, object]]  # entry index -> field -> new value (existing people)
    manager_later: list[int]  # entries whose manager is created by this import as well
    result: ImportResult


def plan_changes(checker: Checker, dry_run: bool) -> Plan:
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
        if isinstance(department, DepartmentNode):
            if department.pk is None or department.pk != person.department_id:
                change["department"] = department
        elif department is None and person.department_id is not None:
            change["department"] = None
        if entry.location is not UNSET:
            location_pk = checker.locations.get(entry.location) if entry.location else None  # type: ignore[call-overload]
            if location_pk != person.location_id or (entry.location and location_pk is None):
                change["location"] = entry.location
        manager_later_too = False
        if entry.manager is not UNSET:
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
    return Plan(changes, manager_later, result)
