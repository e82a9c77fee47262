"""Provisioning writes: people and departments created, changed, deactivated and removed by a
SCIM client, each through Plein's own services and by the HR import's rules (the employee
number is the key, managers by their SCIM id, departments as a tree). Every change is logged."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from plein.accounts.services import person_deactivate, person_reactivate
from plein.accounts.tokens.models import AccessToken
from plein.core import audit
from plein.core.registries.people import people_changed
from plein.people.imports.departments import department_for_path
from plein.people.models import Department, Person
from plein.people.services import (
    department_create,
    department_delete,
    department_update,
    person_create,
    person_details_update,
)
from plein.spaces.models import Space
from plein.spaces.services import space_directory_members, space_directory_save

from .groups import GroupData, members_of
from .http import ScimError
from .models import ProvisionedPerson, ProvisionedSpace
from .space_groups import SPACE_NOT_REMOVED, space_members, space_record
from .users import KEEP, UserData, provisioned_people, record_of

logger = logging.getLogger("plein.scim")


F = TypeVar("F", bound=Callable[..., Any])


def _label(obj: Any) -> str:
    return str(getattr(obj, "full_name", "") or obj or "")


def _audited(operation: str) -> Callable[[F], F]:
    """One audit entry per SCIM write (request), in its transaction: what the client did, to
    what, with which token. Place it under @transaction.atomic."""

    def decorate(service: F) -> F:
        @functools.wraps(service)
        def wrapped(**kwargs: Any) -> Any:
            token: AccessToken = kwargs["token"]
            before = next(
                (kwargs[k] for k in ("person", "department", "space") if k in kwargs), None
            )
            label = _label(before) if before is not None else ""
            result = service(**kwargs)
            target = before if before is not None else result
            audit.record(
                action=audit.SCIM_CHANGED,
                actor=token.person,
                target=target if target is not None and target.pk is not None else None,
                target_label=label or _label(target),
                details={"operation": operation, "token": token.prefix},
            )
            return result

        return wrapped  # type: ignore[return-value]

    return decorate


def _conflict(detail: str) -> ScimError:
    return ScimError(409, detail, "uniqueness")


def _claimable(person: Person) -> Person:
    record = record_of(person)
    if record is not None and record.removed_at is None:
        raise _conflict(f"This person is already provisioned as {record.user_name}.")
    return person


def _existing(data: UserData) -> Person | None:
    """Who a new User is already in Plein, by the HR import's rules: the same userName (of
    someone the client removed), else the same employee number, else the same e-mail address
    of someone without another employee number."""
    record = (
        ProvisionedPerson.objects.select_related("person")
        .filter(user_name__iexact=data.user_name)
        .first()
    )
    if record is not None:
        if record.removed_at is None:
            raise _conflict(f"userName {data.user_name} is already in use.")
        return record.person
    if isinstance(data.employee_number, str):
        person = Person.objects.filter(employee_number=data.employee_number).first()
        if person is not None:
            return _claimable(person)
    person = Person.objects.filter(email__iexact=data.email).first()
    if person is None:
        return None
    if (
        person.employee_number
        and isinstance(data.employee_number, str)
        and person.employee_number != data.employee_number
    ):
        raise _conflict(f"{data.email} already belongs to someone with another employee number.")
    return _claimable(person)


def _check_unique(person: Person | None, data: UserData) -> None:
    others = Person.objects.exclude(pk=person.pk) if person else Person.objects.all()
    if others.filter(email__iexact=data.email).exists():
        raise _conflict(f"{data.email} already belongs to someone else.")
    if isinstance(data.employee_number, str) and (
        others.filter(employee_number=data.employee_number).exists()
    ):
        raise _conflict(f"Employee number {data.employee_number} already belongs to someone else.")
    records = ProvisionedPerson.objects.filter(user_name__iexact=data.user_name)
    if records.exclude(person=person).exists():
        raise _conflict(f"userName {data.user_name} is already in use.")


def _manager(value: object, current: Person | None) -> Person | None:
    if value is KEEP:
        return current
    if value is None:
        return None
    manager = (
        provisioned_people().filter(pk=int(str(value))).first() if str(value).isdigit() else None
    )
    if manager is None:
        raise ScimError(400, f"Manager {value} is not known.", "invalidValue")
    return manager


def _names(data: UserData, person: Person | None) -> tuple[str, str]:
    """(name_prefix, last_name): a family name that reads as the person's prefix and last
    name keeps them apart, as HR wrote them."""
    if person is not None:
        written = " ".join(p for p in (person.name_prefix, person.last_name) if p)
        if written == data.family_name:
            return person.name_prefix, person.last_name
    return "", data.family_name


def _department(data: UserData, current: Department | None) -> Department | None:
    if data.department is KEEP:
        return current
    return department_for_path(value=str(data.department or ""))


def _set_active(person: Person, active: object) -> Person:
    if active is False and person.is_active:
        return person_deactivate(person=person, actor=None)
    if active is True and not person.is_active:
        person = person_reactivate(person=person, actor=None)
        people_changed(people=[person])
    return person


def _record(person: Person, data: UserData) -> None:
    record = record_of(person) or ProvisionedPerson(person=person)
    record.user_name = data.user_name
    if data.external_id is not KEEP:
        record.external_id = str(data.external_id)
    record.removed_at = None
    record.save()
    person.scim = record  # type: ignore[attr-defined]


def _update(person: Person, data: UserData) -> Person:
    prefix, last_name = _names(data, person)
    updated = person_details_update(
        person=person,
        first_name=data.first_name,
        name_prefix=prefix,
        last_name=last_name,
        email=data.email,
        employee_number=person.employee_number
        if data.employee_number is KEEP
        else data.employee_number,  # type: ignore[arg-type]
        job_title=person.job_title if data.job_title is KEEP else str(data.job_title),
        department=_department(data, person.department),
        location=person.location,
        manager=_manager(data.manager_id, person.manager),
        phone=None if data.phone is KEEP else str(data.phone),
        directory=True,
    )
    return _set_active(updated, data.active)


@transaction.atomic
@_audited("user.create")
def scim_user_create(*, data: UserData, token: AccessToken) -> Person:
    """A User the client adds: someone new, or someone already in Plein (see _existing).
    Without `active` the person is active (RFC 7643), also someone the client removed."""
    if data.active is KEEP:
        data.active = True
    existing = _existing(data)
    _check_unique(existing, data)
    if existing is not None:
        person = _update(existing, data)
        logger.info("SCIM (%s): took over person %s as %s", token.prefix, person.pk, data.user_name)
    else:
        prefix, last_name = _names(data, None)
        person = person_create(
            first_name=data.first_name,
            name_prefix=prefix,
            last_name=last_name,
            email=data.email,
            employee_number=None if data.employee_number is KEEP else data.employee_number,  # type: ignore[arg-type]
            job_title="" if data.job_title is KEEP else str(data.job_title),
            department=_department(data, None),
            manager=_manager(data.manager_id, None),
            phone="" if data.phone is KEEP else str(data.phone),
            directory=True,
        )
        person = _set_active(person, data.active)
        logger.info("SCIM (%s): created person %s as %s", token.prefix, person.pk, data.user_name)
    _record(person, data)
    return person


@transaction.atomic
@_audited("user.replace")
def scim_user_replace(*, person: Person, data: UserData, token: AccessToken) -> Person:
    """A User the client changes (PUT, or the result of a PATCH); what it did not send stays."""
    _check_unique(person, data)
    was_active = person.is_active
    person = _update(person, data)
    _record(person, data)
    logger.info(
        "SCIM (%s): updated person %s%s",
        token.prefix,
        person.pk,
        ""
        if was_active == person.is_active
        else (" (reactivated)" if person.is_active else " (deactivated)"),
    )
    return person


@transaction.atomic
@_audited("user.remove")
def scim_user_remove(*, person: Person, token: AccessToken) -> None:
    """DELETE: the person is deactivated, never deleted (their posts, documents and the rest
    stay), and the client no longer sees them."""
    person = person_deactivate(person=person, actor=None) if person.is_active else person
    record = record_of(person) or ProvisionedPerson(person=person, user_name=person.email)
    record.removed_at = timezone.now()
    record.save()
    logger.info("SCIM (%s): removed (deactivated) person %s", token.prefix, person.pk)


# --- Groups: departments -------------------------------------------------------------------


def _move(person: Person, department: Department | None) -> None:
    person_details_update(
        person=person,
        first_name=person.first_name,
        name_prefix=person.name_prefix,
        last_name=person.last_name,
        email=person.email,
        employee_number=person.employee_number,
        job_title=person.job_title,
        department=department,
        location=person.location,
        manager=person.manager,
        directory=True,
    )


def _people(ids: list[str]) -> dict[int, Person]:
    """The people with these SCIM ids; every id must be known."""
    wanted = {int(pk) for pk in ids if pk.isdigit()}
    people = {person.pk: person for person in provisioned_people().filter(pk__in=wanted)}
    unknown = [pk for pk in ids if not pk.isdigit() or int(pk) not in people]
    if unknown:
        raise ScimError(400, f"Unknown members: {', '.join(unknown)}", "invalidValue")
    return people


def _set_members(department: Department, ids: list[str]) -> None:
    people = _people(ids)
    for person in members_of(department).exclude(pk__in=people):
        _move(person, None)
    for person in people.values():
        if person.department_id != department.pk:
            _move(person, department)


def _department_fields(
    data: GroupData, department: Department | None
) -> tuple[str, Department | None, str | None]:
    """(name, parent, code) of the department a group names; "Parent > Child" puts it under
    Parent (created when missing), as the HR import does."""
    *parents, name = [part.strip() for part in data.display_name.split(">")]
    parent = department_for_path(value=" > ".join(parents)) if parents else None
    if department is not None and not parents:
        parent = department.parent
    code = (
        (department.code if department else None) if data.external_id is KEEP else data.external_id
    )
    return name, parent, (code or None)  # type: ignore[return-value]


@transaction.atomic
@_audited("department.create")
def scim_group_create(*, data: GroupData, token: AccessToken) -> Department:
    name, parent, code = _department_fields(data, None)
    if Department.objects.filter(parent=parent, name__iexact=name).exists():
        raise _conflict(f"There already is a department called {data.display_name}.")
    department = department_create(name=name, parent=parent, code=code)
    if data.members is not KEEP:
        _set_members(department, data.members)  # type: ignore[arg-type]
    logger.info("SCIM (%s): created department %s", token.prefix, department.pk)
    return department


@transaction.atomic
@_audited("department.replace")
def scim_group_replace(
    *, department: Department, data: GroupData, token: AccessToken
) -> Department:
    name, parent, code = _department_fields(data, department)
    if (
        Department.objects.filter(parent=parent, name__iexact=name)
        .exclude(pk=department.pk)
        .exists()
    ):
        raise _conflict(f"There already is a department called {data.display_name}.")
    department = department_update(department=department, name=name, parent=parent, code=code)
    if data.members is not KEEP:
        _set_members(department, data.members)  # type: ignore[arg-type]
    logger.info("SCIM (%s): updated department %s", token.prefix, department.pk)
    return department


@transaction.atomic
@_audited("department.remove")
def scim_group_remove(*, department: Department, token: AccessToken) -> None:
    """DELETE: the people in it are left without a department, then it goes; a department
    with sub-departments stays (409)."""
    if Department.objects.filter(parent=department).exists():
        raise ScimError(409, f"{department.name} has sub-departments; it stays.", "mutability")
    for person in members_of(department):
        _move(person, None)
    department_delete(department=department)
    logger.info("SCIM (%s): deleted department %s", token.prefix, department.pk)


# --- Groups: spaces (PLEIN_SCIM_GROUPS = "spaces") ------------------------------------------


def _set_space_members(space: Space, ids: list[str]) -> None:
    people = _people(ids)
    current = set(space_members(space).values_list("pk", flat=True))
    space_directory_members(
        space=space,
        add=[person for pk, person in people.items() if pk not in current],
        remove=list(space_members(space).exclude(pk__in=people)),
    )


def _space_record(space: Space, data: GroupData, removed: bool = False) -> None:
    record = space_record(space) or ProvisionedSpace(space=space)
    if data.external_id is not KEEP:
        record.external_id = str(data.external_id)
    record.removed_at = timezone.now() if removed else None
    record.save()


@transaction.atomic
@_audited("space.create")
def scim_space_create(*, data: GroupData, token: AccessToken) -> Space:
    """A group the client adds: a new closed space, or one it deleted before, by name."""
    named = Space.objects.filter(name__iexact=data.display_name).select_related("scim")
    if named.filter(SPACE_NOT_REMOVED).exists():
        raise _conflict(f"There already is a space called {data.display_name}.")
    space = space_directory_save(space=named.first(), name=data.display_name)
    _space_record(space, data)
    if data.members is not KEEP:
        _set_space_members(space, data.members)  # type: ignore[arg-type]
    logger.info("SCIM (%s): created space %s", token.prefix, space.pk)
    return space


@transaction.atomic
@_audited("space.replace")
def scim_space_replace(*, space: Space, data: GroupData, token: AccessToken) -> Space:
    others = Space.objects.filter(SPACE_NOT_REMOVED, name__iexact=data.display_name)
    if others.exclude(pk=space.pk).exists():
        raise _conflict(f"There already is a space called {data.display_name}.")
    if space.name != data.display_name:
        space = space_directory_save(space=space, name=data.display_name)
    _space_record(space, data)
    if data.members is not KEEP:
        _set_space_members(space, data.members)  # type: ignore[arg-type]
    logger.info("SCIM (%s): updated space %s", token.prefix, space.pk)
    return space


@transaction.atomic
@_audited("space.remove")
def scim_space_remove(*, space: Space, token: AccessToken) -> None:
    """DELETE: the space stays, with its members and everything in it; the client no longer
    sees it."""
    _space_record(space, GroupData(display_name=space.name), removed=True)
    logger.info("SCIM (%s): removed space %s (kept)", token.prefix, space.pk)
