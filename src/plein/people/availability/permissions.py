"""Who may see and change absences.

Everyone logged in who may see a person's profile sees their absences (the dates, "back on" and
the note): `can_view_absences` and `visible_absences` agree. Only the person themselves and
administrators (people.manage_roles) set, change or remove them. A manager's team page shows
their direct reports only.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Absence, Person
from ..permissions import User, can_manage_roles, can_view_profile, visible_people


def can_view_absences(user: User, person: Person) -> bool:
    return can_view_profile(user, person)


def visible_absences(user: User) -> QuerySet[Absence]:
    return Absence.objects.filter(person__in=visible_people(user))


def can_edit_absences(user: User, person: Person) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.pk == person.pk or can_manage_roles(user)


def can_view_team(user: User) -> bool:
    """Managers (someone with an active direct report) see their team's absences."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Person.objects.filter(manager_id=user.pk, is_active=True).exists()
