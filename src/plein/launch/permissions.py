"""Who may see and run the launch, and who may enter the intranet before it opens."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet

from plein.ambassadors.models import Ambassador
from plein.people.models import Person
from plein.people.permissions import User

from .selectors import launch_plan


def can_manage_launch(user: User) -> bool:
    return user.is_active and user.has_perm("launch.manage_launch")


def can_view_launch(user: User) -> bool:
    """The project team follows the plan, the readiness check and the materials."""
    return user.is_active and (
        user.has_perm("launch.manage_launch") or user.has_perm("launch.view_launch_plan")
    )


ENTER_PERMISSION = ("launch", "enter_before_launch")


def _is_ambassador(user: Person) -> bool:
    cached = getattr(user, "_plein_is_ambassador", None)
    if cached is None:
        cached = Ambassador.objects.filter(person_id=user.pk).exists()
        setattr(user, "_plein_is_ambassador", cached)  # noqa: B010 (cached on the object)
    return bool(cached)


def can_enter(user: User) -> bool:
    """May this person use the intranet now? Everyone once it is launched; before that the
    project team, editors, community managers, administrators and ambassadors, and in the
    pilot also the pilot's departments (with the departments below them) and people."""
    if not (user.is_authenticated and user.is_active):
        return False
    plan = launch_plan()
    if plan.is_launched or user.is_superuser or user.has_perm("launch.enter_before_launch"):
        return True
    if plan.phase == plan.Phase.PILOT and (
        user.pk in plan.pilot_person_ids or user.department_id in plan.pilot_department_ids
    ):
        return True
    return _is_ambassador(user)


def entrants(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people of `people` who may use the intranet now; agrees with can_enter()."""
    plan = launch_plan()
    if plan.is_launched:
        return people
    app_label, codename = ENTER_PERMISSION
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    allowed = (
        Q(is_superuser=True)
        | Q(
            Exists(
                Person.groups.through.objects.filter(
                    person_id=OuterRef("pk"), group__permissions__in=permission
                )
            )
        )
        | Q(
            Exists(
                Person.user_permissions.through.objects.filter(
                    person_id=OuterRef("pk"), permission__in=permission
                )
            )
        )
        | Q(Exists(Ambassador.objects.filter(person_id=OuterRef("pk"))))
    )
    if plan.phase == plan.Phase.PILOT:
        allowed |= Q(pk__in=plan.pilot_person_ids) | Q(department_id__in=plan.pilot_department_ids)
    return people.filter(allowed)
