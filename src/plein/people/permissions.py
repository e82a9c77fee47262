"""Rules about people. Every active colleague may see the directory and every active profile."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from .models import Department, Person

User = Person | AnonymousUser


def visible_people(user: User) -> QuerySet[Person]:
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if can_manage_roles(user):
        return Person.objects.all()
    return Person.objects.filter(is_active=True)


def can_view_profile(user: User, person: Person) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return person.is_active or can_manage_roles(user)


def can_edit_profile(user: User, person: Person) -> bool:
    return user.is_authenticated and user.is_active and user.pk == person.pk


def comes_from_hr(person: Person) -> bool:
    """Someone with an employee number is kept up to date by the HR import (plein.people.
    imports matches on it): their department, location and manager are HR's to change."""
    return bool(person.employee_number)


def can_edit_hr_fields(user: User, person: Person) -> bool:
    """Whether the person may change their own department and location (the manager only an
    administrator changes): only when those do not come from HR."""
    return can_edit_profile(user, person) and not comes_from_hr(person)


def can_manage_roles(user: User) -> bool:
    return user.is_active and user.has_perm("people.manage_roles")


def can_import_people(user: User) -> bool:
    return user.is_active and user.has_perm("people.import_people")


def can_manage_organisation(user: User) -> bool:
    return user.is_active and user.has_perm("people.manage_organisation")


AUDIENCE = "_plein_audience"


def audience_of(user: User) -> tuple[frozenset[int], int | None]:
    """The departments a targeted post may name to reach the user (their own and every one
    above it) and their location. Worked out once per user object."""
    cached: tuple[frozenset[int], int | None] | None = user.__dict__.get(AUDIENCE)
    if cached is None:
        department_id = getattr(user, "department_id", None)
        chain: list[int] = []
        if department_id is not None:
            parents = dict(Department.objects.values_list("pk", "parent_id"))
            while department_id is not None and department_id not in chain:
                chain.append(department_id)
                department_id = parents.get(department_id)
        cached = (frozenset(chain), getattr(user, "location_id", None))
        user.__dict__[AUDIENCE] = cached
    return cached
