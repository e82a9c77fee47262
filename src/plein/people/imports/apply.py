"""Importing people: the file read and checked, then the plan written with a handful of bulk
queries, all or nothing. The format and the rules are described in plein.people.imports."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import cast

from django.db import connections, router, transaction
from django.db.models import Field
from django.utils import timezone

from plein.core import audit
from plein.core.registries import events
from plein.core.registries.people import people_changed
from plein.people.search import people_index

from ..models import Location, Person
from ..services import person_send_welcome
from .check import Checker, Entry, ImportResult, Plan, plan_changes
from .departments import DepartmentNode
from .read import ImportFile, PeopleImportError, parse, read_text

BATCH_SIZE = 500


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


def _department_pk(value: object) -> int | None:
    return value.pk if isinstance(value, DepartmentNode) else None


def _location_pk(locations: dict[str, int], value: object) -> int | None:
    return locations[value] if isinstance(value, str) else None


def _locations_save(checker: Checker) -> dict[str, int]:
    """The primary key of every location by name: those in Plein and those the file adds."""
    locations = dict(checker.locations)
    missing = sorted(
        {e.location for e in checker.entries if isinstance(e.location, str)} - set(locations)
    )
    created_locations = Location.objects.bulk_create([Location(name=name) for name in missing])
    locations.update((location.name, location.pk) for location in created_locations)
    if any(location.pk is None for location in created_locations):
        locations.update(Location.objects.filter(name__in=missing).values_list("name", "pk"))
    return locations


def _update_existing(
    plan: Plan, entries: list[Entry], locations: dict[str, int], now: datetime
) -> None:
    """People already in Plein: write only what differs, grouped by the fields that change."""
    groups: dict[tuple[str, ...], list[Person]] = defaultdict(list)
    for index, change in plan.changes.items():
        person = entries[index].person
        assert person is not None
        fields = set(change)
        for field, value in change.items():
            if field == "department":
                person.department_id = _department_pk(value)
            elif field == "location":
                person.location_id = _location_pk(locations, value)
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


def _create_new(checker: Checker, locations: dict[str, int], now: datetime) -> list[Person]:
    """New people: no usable password (they choose one) and, for now, no manager."""
    created: list[Person] = []
    for entry in checker.entries:
        if entry.person is not None:
            continue
        person = Person(employee_number=entry.number, **entry.text)
        person.department_id = _department_pk(entry.department)
        person.location_id = _location_pk(locations, entry.location)
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
    return created


def _link_new_managers(plan: Plan, checker: Checker) -> None:
    """Managers who are new themselves, now that everyone has a primary key."""
    later = []
    for index in plan.manager_later:
        entry = checker.entries[index]
        assert entry.person is not None and isinstance(entry.manager, str)
        manager = checker.in_file.get(entry.manager)
        manager_pk = manager.person.pk if manager and manager.person else None
        manager_pk = manager_pk or checker.manager_pk(entry.manager)
        if entry.person.manager_id != manager_pk:
            entry.person.manager_id = manager_pk
            later.append(entry.person)
    _bulk_update(later, ["manager"])


def apply_plan(plan: Plan, checker: Checker) -> list[Person]:
    """Write the plan; returns the people it created."""
    now = timezone.now()
    renamed = [node.pk for node in checker.departments.changed if node.pk is not None]
    checker.departments.save()
    locations = _locations_save(checker)
    _update_existing(plan, checker.entries, locations, now)
    created = _create_new(checker, locations, now)
    _link_new_managers(plan, checker)
    _search_index(plan, checker, created, renamed)
    _emit_joined_and_left(plan, checker, created)
    return created


def _audit(result: ImportResult, actor: Person | None) -> None:
    """One audit entry per import that changed something, with its counts (an import that
    changes nothing writes nothing)."""
    counts = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "deactivated": result.deactivated,
        "reactivated": result.reactivated,
        "departments_created": result.departments_created,
        "departments_updated": result.departments_updated,
    }
    if any(value for key, value in counts.items() if key != "rows"):
        audit.record(action=audit.HR_IMPORTED, actor=actor, details=counts)


def _emit_joined_and_left(plan: Plan, checker: Checker, created: list[Person]) -> None:
    """Tell the listeners (webhooks) who joined (new and active, or switched on again) and who
    left (switched off), once the import is committed."""
    actor_id = checker.actor.pk if checker.actor is not None else None
    happened = [
        events.Event(events.PERSON_JOINED, person.pk, actor_id)
        for person in created
        if person.is_active
    ]
    for index, change in plan.changes.items():
        if "is_active" in change:
            person = checker.entries[index].person
            assert person is not None
            kind = events.PERSON_JOINED if change["is_active"] else events.PERSON_LEFT
            happened.append(events.Event(kind, person.pk, actor_id))
    events.emit(*happened)


def _search_index(
    plan: Plan, checker: Checker, created: list[Person], renamed_departments: list[int]
) -> None:
    """The search entries of the people the import created or changed, and of everyone in a
    department it renamed (their entry names the department): a few queries per 500 people."""
    changed = {checker.entries[index].person.pk for index in plan.changes}  # type: ignore[union-attr]
    changed.update(person.pk for person in created)
    if renamed_departments:
        changed.update(
            Person.objects.filter(department_id__in=renamed_departments).values_list(
                "pk", flat=True
            )
        )
    people_index(changed)


def people_import_csv(
    *,
    file: ImportFile,
    actor: Person | None = None,
    dry_run: bool = False,
    send_welcome: bool = False,
    site_url: str = "",
) -> ImportResult:
    """Create, update, deactivate and reactivate people from an HR export (see the module doc
    of plein.people.imports).

    `file` is a path, bytes, or a binary or text file object. Raises PeopleImportError with
    every problem found, and then writes nothing. With dry_run nothing is written either; the
    result says what an import would do. With send_welcome every new active person gets the
    welcome e-mail (people.services.person_send_welcome, with a link on `site_url`) once the
    import is committed.
    """
    if send_welcome and not site_url:
        raise ValueError("A welcome e-mail needs the site's address (site_url).")
    columns, rows, row_errors = parse(read_text(file))
    with transaction.atomic():
        checker = Checker(columns, rows, row_errors, actor)
        checker.check()
        if checker.errors:
            raise PeopleImportError(checker.errors)
        plan = plan_changes(checker, dry_run)
        if send_welcome:
            plan.result.welcomed = sum(
                1 for entry in checker.entries if entry.person is None and entry.active is not False
            )
        if not dry_run:
            created = apply_plan(plan, checker)
            _audit(plan.result, actor)
            # Anyone may have changed: what follows people (default spaces...) catches up
            # once the import is committed.
            transaction.on_commit(lambda: people_changed())
            if send_welcome:
                for person in created:
                    if person.is_active:
                        person_send_welcome(person=person, site_url=site_url)
    return plan.result
