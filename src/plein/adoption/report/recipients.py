"""Who gets the weekly report: community managers and heads of department.

A head of department is an active member of the department who manages someone and whose own
manager works elsewhere (or who has none): the top of the department's line. There is no head
field on Department, and this finds the same people the demo organisation and the HR import set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from plein.people.models import Person

from ..models import GroupDay
from ..permissions import VIEW_ADOPTION


def community_managers() -> list[Person]:
    """Active people with adoption.view_adoption (from a role or given directly) and an e-mail
    address. Superusers without the role are technical accounts and get nothing."""
    people = ModelBackend().with_perm(VIEW_ADOPTION, is_active=True, include_superusers=False)
    return [person for person in people.order_by("pk") if person.email]


def heads_of(keys: Iterable[str]) -> list[Person]:
    """The heads of these departments (GroupDay keys): active members who manage someone and
    whose own manager does not work in the same department. One query."""
    ids = [int(key) for key in keys if key.isdigit()]
    if not ids:
        return []
    manages = Person.objects.filter(is_active=True, manager_id=OuterRef("pk"))
    candidates = (
        Person.objects.filter(is_active=True, department_id__in=ids)
        .exclude(email="")
        .filter(Exists(manages))
        .select_related("manager")
        .order_by("pk")
    )
    return [
        person
        for person in candidates
        if person.manager is None or person.manager.department_id != person.department_id
    ]


def department_keys(day: date) -> set[str]:
    """Departments with their own row on `day` (not merged into "other")."""
    return set(
        GroupDay.objects.filter(dimension=GroupDay.Dimension.DEPARTMENT, day=day)
        .exclude(key=GroupDay.OTHER)
        .values_list("key", flat=True)
    )
