import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plein.people.imports import COLUMNS, PeopleImportError, people_import_csv
from plein.people.models import Department, Location, Person
from plein.people.tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "hr-export-example.csv"
HEADER = ["employee_number", "email", "first_name", "last_name"]

PERSON_FIELDS = [
    "employee_number",
    "email",
    "first_name",
    "name_prefix",
    "last_name",
    "job_title",
    "department_id",
    "location_id",
    "manager_id",
    "phone",
    "is_active",
    "deactivated_at",
    "password",
]


def csv_text(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> str:
    """A CSV file as HR exports it: values quoted where needed (a drawn surname can hold the
    delimiter, as in "Werl-Arnsberg, van")."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def run(text: str, encoding: str = "utf-8", **kwargs):  # type: ignore[no-untyped-def]
    return people_import_csv(file=io.BytesIO(text.encode(encoding)), **kwargs)


def errors_of(text: str, **kwargs) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(PeopleImportError) as raised:
        run(text, **kwargs)
    return raised.value.errors


def snapshot() -> list[tuple]:
    return list(Person.objects.order_by("pk").values_list("pk", *PERSON_FIELDS))


def test_the_example_file_creates_people_departments_locations_and_managers():
    result = people_import_csv(file=EXAMPLE)

    assert (result.created, result.updated, result.unchanged) == (8, 0, 0)
    assert (result.deactivated, result.reactivated) == (0, 0)
    assert result.departments_created == 7
    assert result.locations_created == 3
    assert result.rows == 8

    pieter = Person.objects.get(employee_number="1002")
    assert pieter.email == "pieter.de.vries@example.org"
    assert pieter.full_name == "Pieter de Vries"
    assert pieter.job_title == "Hoofd bedrijfsvoering"
    assert pieter.phone == "030 123 4568"
    assert pieter.location.name == "Utrecht"
    assert pieter.manager.employee_number == "1001"
    assert pieter.is_active
    # New people cannot log in until they choose a password.
    assert not pieter.has_usable_password()

    servicedesk = Person.objects.get(employee_number="1005").department
    assert servicedesk.name == "Servicedesk"
    assert servicedesk.parent.name == "ICT"
    assert servicedesk.parent.code == "BV-ICT"
    assert servicedesk.parent.parent.name == "Bedrijfsvoering"
    assert servicedesk.parent.parent.parent is None
    assert Department.objects.filter(name="Bedrijfsvoering").count() == 1

    # 1006 names a manager who only appears further down the file.
    assert Person.objects.get(employee_number="1006").manager.employee_number == "1007"

    lucas = Person.objects.get(employee_number="1008")
    assert not lucas.is_active
    assert lucas.deactivated_at is not None


def test_importing_the_same_file_again_changes_nothing():
    people_import_csv(file=EXAMPLE)
    before = snapshot()
    departments = list(Department.objects.values_list("pk", "name", "parent_id", "code"))

    with CaptureQueriesContext(connection) as queries:
        result = people_import_csv(file=EXAMPLE)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 8)
    assert (result.deactivated, result.reactivated, result.departments_created) == (0, 0, 0)
    assert result.locations_created == 0
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert snapshot() == before
    assert list(Department.objects.values_list("pk", "name", "parent_id", "code")) == departments


def test_changed_rows_are_updated_and_the_rest_is_unchanged():
    people_import_csv(file=EXAMPLE)
    untouched = Person.objects.get(employee_number="1001")
    text = EXAMPLE.read_text().replace(
        "1003,fatima.el.amrani@example.org,Fatima,el,Amrani,HR-adviseur,Bedrijfsvoering > HR,BV-HR",
        "1003,Fatima.Amrani@Example.org,Fatima,el,Amrani,Senior HR-adviseur,Directie > Staf,",
    )

    result = run(text)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 7)
    assert result.departments_created == 1
    fatima = Person.objects.get(employee_number="1003")
    assert fatima.email == "fatima.amrani@example.org"
    assert fatima.job_title == "Senior HR-adviseur"
    assert fatima.department.name == "Staf"
    assert fatima.department.parent.name == "Directie"
    assert Person.objects.get(employee_number="1001").email == untouched.email


def test_a_manager_change_counts_as_an_update():
    people_import_csv(file=EXAMPLE)
    text = EXAMPLE.read_text().replace(",Utrecht,1007,,ja", ",Utrecht,1002,,ja")

    result = run(text)

    assert result.updated == 1
    assert Person.objects.get(employee_number="1006").manager.employee_number == "1002"


def test_active_no_deactivates_without_deleting_and_yes_reactivates():
    people_import_csv(file=EXAMPLE)
    leaving = EXAMPLE.read_text().replace(
        "Teamleider ICT,Bedrijfsvoering > ICT,BV-ICT,Amersfoort,1002,033 765 4321,ja",
        "Teamleider ICT,Bedrijfsvoering > ICT,BV-ICT,Amersfoort,1002,033 765 4321,0",
    )

    result = run(leaving)

    assert (result.deactivated, result.unchanged) == (1, 7)
    joost = Person.objects.get(employee_number="1004")
    assert not joost.is_active
    assert joost.deactivated_at is not None
    assert joost.last_name == "Berg"
    assert Person.objects.count() == 8

    returning = leaving.replace("033 765 4321,0", "033 765 4321,yes")
    result = run(returning)

    assert (result.reactivated, result.unchanged) == (1, 7)
    joost.refresh_from_db()
    assert joost.is_active
    assert joost.deactivated_at is None


def test_people_missing_from_the_file_are_left_alone():
    someone = PersonFactory(employee_number="9999", job_title="Archivaris")
    people_import_csv(file=EXAMPLE)
    someone.refresh_from_db()
    assert someone.is_active
    assert someone.job_title == "Archivaris"


def test_columns_left_out_are_left_alone_and_empty_values_clear():
    PersonFactory(
        employee_number="1",
        email="a@example.org",
        phone="06 1234 5678",
        job_title="Adviseur",
        department=DepartmentFactory(name="Oud"),
    )

    result = run(
        csv_text(
            [["1", "a@example.org", "Ans", "Aa", "", ""]], [*HEADER, "job_title", "department"]
        )
    )

    assert result.updated == 1
    person = Person.objects.get(employee_number="1")
    assert person.phone == "06 1234 5678"  # no phone column
    assert person.job_title == ""
    assert person.department is None
    assert (person.first_name, person.last_name) == ("Ans", "Aa")


def test_semicolons_and_a_byte_order_mark_are_understood():
    text = csv_text(
        [["1", "zoe@example.org", "Zoë", "Ünal", "Beleid, onderzoek & advies"]],
        [*HEADER, "department"],
        delimiter=";",
    )

    result = run(text, encoding="utf-8-sig")

    assert result.created == 1
    person = Person.objects.get()
    assert (person.first_name, person.last_name) == ("Zoë", "Ünal")
    assert person.department.name == "Beleid, onderzoek & advies"


def test_windows_1252_files_from_excel_are_understood():
    text = csv_text([["1", "rene@example.org", "René", "Müller"]], delimiter=";")

    result = run(text, encoding="cp1252")

    assert result.created == 1
    assert Person.objects.get().first_name == "René"


def test_column_names_are_read_leniently():
    text = "Employee Number, EMAIL ,First-Name,Last Name\n1,a@example.org,Ans,Aa\n"
    assert run(text).created == 1
    assert Person.objects.get().employee_number == "1"


def test_someone_in_plein_without_employee_number_is_matched_on_email():
    installer = PersonFactory(email="beheer@example.org", employee_number=None)

    result = run(csv_text([["77", "Beheer@example.org", "Bea", "Heer"]]))

    assert (result.created, result.updated) == (0, 1)
    installer.refresh_from_db()
    assert installer.employee_number == "77"
    assert installer.has_usable_password()
    assert Person.objects.count() == 1


def test_a_department_code_renames_and_moves_the_department():
    old = DepartmentFactory(name="Automatisering", code="ICT")
    parent = DepartmentFactory(name="Bedrijfsvoering")
    person = PersonFactory(employee_number="1", email="a@example.org", department=old)

    result = run(
        csv_text(
            [
                [
                    "1",
                    "a@example.org",
                    person.first_name,
                    person.last_name,
                    "Bedrijfsvoering > ICT",
                    "ICT",
                ]
            ],
            [*HEADER, "department", "department_code"],
        )
    )

    old.refresh_from_db()
    assert (old.name, old.parent, old.code) == ("ICT", parent, "ICT")
    assert (result.departments_created, result.departments_updated) == (0, 1)
    assert result.unchanged == 1
    person.refresh_from_db()
    assert person.department == old


def test_a_department_code_alone_finds_the_department():
    department = DepartmentFactory(name="Juridische zaken", code="JZ")
    run(csv_text([["1", "a@example.org", "Ans", "Aa", "JZ"]], [*HEADER, "department_code"]))
    assert Person.objects.get().department == department


def test_dry_run_reports_but_writes_nothing():
    result = people_import_csv(file=EXAMPLE, dry_run=True)

    assert result.dry_run
    assert (result.created, result.departments_created, result.locations_created) == (8, 7, 3)
    assert Person.objects.count() == 0
    assert Department.objects.count() == 0
    assert Location.objects.count() == 0


def test_every_problem_is_reported_with_its_line_number_and_nothing_is_written():
    PersonFactory(employee_number="500", email="taken@example.org", last_name="Bezet")
    before = snapshot()
    header = [*HEADER, "manager_employee_number", "active", "department"]
    rows = [
        ["1", "good@example.org", "Goed", "Persoon", "", "", "Sales > Noord"],  # line 2: fine
        ["2", "b@example.org", "", "Naamloos", "", "", ""],  # 3
        ["3", "not-an-email", "Ans", "Aa", "", "", ""],  # 4
        ["1", "c@example.org", "Dubbel", "Nummer", "", "", ""],  # 5
        ["4", "GOOD@example.org", "Dubbel", "Adres", "", "", ""],  # 6
        ["5", "taken@example.org", "Bezet", "Adres", "", "", ""],  # 7
        ["6", "d@example.org", "Zonder", "Manager", "404", "", ""],  # 8
        ["7", "e@example.org", "Eigen", "Manager", "7", "", ""],  # 9
        ["8", "f@example.org", "Raar", "Actief", "", "misschien", ""],  # 10
        ["9", "g@example.org", "Lege", "Afdeling", "", "", "Sales >  > Zuid"],  # 11
        ["", "h@example.org", "Geen", "Nummer", "", "", ""],  # 12
    ]

    errors = errors_of(csv_text(rows, header))

    lines = [line for line, _message in errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    messages = dict(errors)
    assert "first_name is required" in messages[3]
    assert "not-an-email is not a valid e-mail address" in messages[4]
    assert "Employee number 1 also appears on line 2" in messages[5]
    assert "good@example.org also appears on line 2" in messages[6]
    assert "already belongs to" in messages[7] and "500" in messages[7]
    assert "Manager 404 is not in the file and not in Plein" in messages[8]
    assert "cannot be their own manager" in messages[9]
    assert "misschien" in messages[10]
    assert "empty part" in messages[11]
    assert "employee_number is required" in messages[12]
    assert snapshot() == before
    assert Department.objects.count() == 0


def test_manager_circles_are_refused():
    PersonFactory(employee_number="30", email="c@example.org")
    rows = [
        ["10", "a@example.org", "A", "A", "20"],  # line 2
        ["20", "b@example.org", "B", "B", "30"],  # line 3
        ["40", "d@example.org", "D", "D", "10"],  # line 4: below the circle, not in it
    ]
    # 30 is in Plein and only gets a manager from this file when it is in the file.
    assert run(csv_text(rows, [*HEADER, "manager_employee_number"]), dry_run=True).created == 3

    rows.append(["30", "c@example.org", "C", "C", "10"])  # line 5 closes the circle
    errors = errors_of(csv_text(rows, [*HEADER, "manager_employee_number"]))

    assert len(errors) == 1
    line, message = errors[0]
    assert line == 2
    assert "circle" in message
    assert "10 → 20 → 30 → 10" in message
    assert Person.objects.count() == 1


def test_a_circle_through_someone_in_plein_is_refused():
    boss = PersonFactory(employee_number="1", email="boss@example.org")
    PersonFactory(employee_number="2", email="mid@example.org", manager=boss)
    errors = errors_of(
        csv_text(
            [["1", "boss@example.org", "Baas", "Baas", "2"]], [*HEADER, "manager_employee_number"]
        )
    )
    assert errors == [(2, "Managers form a circle: 1 → 2 → 1.")]


def test_unknown_and_missing_columns_are_reported_on_line_1():
    errors = errors_of("employee_number,email,first_name,achternaam,salary\n1,a@b.nl,A,B,1\n")
    assert [line for line, _message in errors] == [1, 1]
    unknown, missing = (message for _line, message in errors)
    assert "Unknown columns: achternaam, salary" in unknown
    assert ", ".join(COLUMNS) in unknown
    assert "Required columns are missing: last_name" in missing


def test_a_row_with_too_many_values_is_reported():
    errors = errors_of(csv_text([["1", "a@example.org", "A", "B", "extra"]]))
    assert errors[0][0] == 2
    assert "more values than the header" in errors[0][1]


def test_line_numbers_follow_the_file_with_blank_and_multiline_rows():
    text = (
        "employee_number,email,first_name,last_name,job_title\n"
        '1,a@example.org,A,B,"Two\nlines"\n'
        "\n"
        ",,,,\n"
        "2,broken,C,D,\n"
    )
    assert errors_of(text) == [(6, "broken is not a valid e-mail address.")]


def test_binary_and_undecodable_files_get_a_clear_message():
    with pytest.raises(PeopleImportError) as raised:
        people_import_csv(file=io.BytesIO(b"PK\x03\x04\x00\x00binary"))
    assert raised.value.errors[0][0] == 1
    assert "not a CSV file" in raised.value.errors[0][1]

    # 0x81 is neither UTF-8 nor Windows-1252.
    with pytest.raises(PeopleImportError) as raised:
        people_import_csv(file=io.BytesIO(b"employee_number,email,first_name,last_name\n1,a\x81\n"))
    assert raised.value.errors == [(2, raised.value.errors[0][1])]
    assert "could not be read" in raised.value.errors[0][1]

    with pytest.raises(PeopleImportError) as raised:
        people_import_csv(file=io.BytesIO(b""))
    assert "empty" in raised.value.errors[0][1]


def test_the_last_active_administrator_cannot_be_deactivated_by_an_import():
    PersonFactory(employee_number="1", email="admin@example.org", roles=["administrator"])
    errors = errors_of(csv_text([["1", "admin@example.org", "A", "B", "nee"]], [*HEADER, "active"]))
    assert errors[0][0] == 2
    assert "last active administrator" in errors[0][1]
    assert Person.objects.get().is_active


def test_an_import_cannot_deactivate_the_person_running_it():
    PersonFactory(roles=["administrator"])
    me = PersonFactory(employee_number="1", email="me@example.org", roles=["administrator"])
    errors = errors_of(
        csv_text([["1", "me@example.org", "A", "B", "0"]], [*HEADER, "active"]), actor=me
    )
    assert errors == [(2, "You cannot deactivate your own account.")]


def test_the_import_does_not_touch_roles():
    admin = PersonFactory(employee_number="1", email="a@example.org", roles=["administrator"])
    run(csv_text([["1", "a@example.org", "New", "Name"]]))
    assert admin.groups.filter(name="administrator").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {"administrator"}


def test_queries_are_per_batch_not_per_row():
    def rows(count: int) -> str:
        return csv_text(
            [
                [
                    str(n),
                    f"p{n}@example.org",
                    "P",
                    str(n),
                    f"Dienst {n % 5}",
                    str(max(n - 1, 0) or ""),
                ]
                for n in range(1, count + 1)
            ],
            [*HEADER, "department", "manager_employee_number"],
        )

    with CaptureQueriesContext(connection) as queries:
        run(rows(400))
    assert Person.objects.count() == 400
    assert Person.objects.get(employee_number="400").manager.employee_number == "399"
    # Queries per batch of rows (SQLite allows ~45 people per INSERT), never per row; the
    # people's search entries are a few queries per 500 people on top.
    assert len(queries) <= 32
    with CaptureQueriesContext(connection) as again:
        run(rows(400))
    assert len(again) <= 6


# --- The command -------------------------------------------------------------------------------


def test_command_prints_the_counts(capsys):
    call_command("import-people", str(EXAMPLE))
    out = capsys.readouterr().out
    assert "Created: 8" in out
    assert "Departments created: 7" in out
    assert Person.objects.count() == 8


def test_command_dry_run_saves_nothing(capsys):
    call_command("import-people", str(EXAMPLE), "--dry-run")
    out = capsys.readouterr().out
    assert "nothing was saved" in out
    assert "Created: 8" in out
    assert Person.objects.count() == 0


def test_command_prints_errors_and_fails(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text([["1", "a@example.org", "A", "B"], ["2", "nope", "C", "D"]]))

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import-people", str(bad))

    assert "line 3: nope is not a valid e-mail address." in capsys.readouterr().err
    assert Person.objects.count() == 0


def test_command_exits_with_status_1_on_errors(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_number,email\n1,a@example.org\n")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["plein", "import-people", str(bad)])

    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "line 1: Required columns are missing: first_name, last_name" in err
    assert "Nothing was imported" in err


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        call_command("import-people", str(tmp_path / "missing.csv"))


def test_deactivated_at_is_the_time_of_the_import():
    before = timezone.now()
    people_import_csv(file=EXAMPLE)
    assert Person.objects.get(employee_number="1008").deactivated_at >= before


def test_department_codes_must_be_consistent_within_the_file():
    header = [*HEADER, "department", "department_code"]
    rows = [
        ["1", "a@example.org", "A", "A", "Sales", "S"],  # line 2
        ["2", "b@example.org", "B", "B", "Verkoop", "S"],  # line 3: S was Sales
        ["3", "c@example.org", "C", "C", "Sales", "X"],  # line 4: Sales was S
        ["4", "d@example.org", "D", "D", "", "NOPE"],  # line 5: unknown code without a name
    ]
    errors = errors_of(csv_text(rows, header))
    assert errors == [
        (3, "Department code S is used for 'Sales' on line 2."),
        (4, "Department 'Sales' has code S on line 2."),
        (5, "Department code NOPE is unknown in Plein; also give the department's name."),
    ]
    assert Department.objects.count() == 0


def test_an_existing_person_can_get_a_new_manager_from_the_same_file():
    PersonFactory(employee_number="1", email="a@example.org", first_name="A", last_name="A")
    rows = [
        ["1", "a@example.org", "A", "A", "2"],
        ["2", "b@example.org", "B", "B", ""],
    ]

    result = run(csv_text(rows, [*HEADER, "manager_employee_number"]))

    assert (result.created, result.updated) == (1, 1)
    assert Person.objects.get(employee_number="1").manager.employee_number == "2"
    assert run(csv_text(rows, [*HEADER, "manager_employee_number"])).unchanged == 2


def test_a_file_with_another_separator_gets_a_hint():
    errors = errors_of("employee_number\temail\tfirst_name\tlast_name\n1\ta@b.nl\tA\tB\n")
    assert errors[0][0] == 1
    assert "Separate the columns with commas or semicolons" in errors[0][1]


def test_a_header_without_rows_imports_nothing():
    result = run(csv_text([]))
    assert result.rows == 0
    assert Person.objects.count() == 0
