"""Readiness check for people: managers lead the way with a complete profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plein.core.paths import path
from plein.core.registries.readiness import (
    DETAILS_SHOWN,
    Check,
    Link,
    Result,
    Threshold,
    percent,
    register,
    share,
)

from .models import Department, Person
from .selectors import profile_completeness

SHARE = "people_manager_share"


def _managers(values: dict[str, int]) -> Result:
    # A manager is an active person with active direct reports. Three queries: the managers,
    # their skills and their interests (what profile_completeness looks at).
    reports = Person.objects.filter(manager=OuterRef("pk"), is_active=True)
    managers = list(
        Person.objects.filter(Exists(reports), is_active=True)
        .prefetch_related("skills", "interests")
        .order_by("last_name", "first_name", "pk")
    )
    incomplete = [
        (manager, completeness.percentage)
        for manager in managers
        if not (completeness := profile_completeness(manager)).is_complete
    ]
    total = len(managers)
    complete = total - len(incomplete)
    if not total:
        summary = _("No one has direct reports yet: managers are known once people have a manager.")
    else:
        summary = ngettext(
            "%(complete)s of %(total)s manager (%(percent)s%%) has a complete profile; wanted: "
            "%(minimum)s%%.",
            "%(complete)s of %(total)s managers (%(percent)s%%) have a complete profile; wanted: "
            "%(minimum)s%%.",
            total,
        ) % {
            "complete": complete,
            "total": total,
            "percent": percent(complete, total),
            "minimum": values[SHARE],
        }
    details = tuple(
        Link(
            _("%(name)s: profile %(percent)s%% complete")
            % {"name": manager.full_name, "percent": percentage},
            path("people:profile", manager.pk),
        )
        for manager, percentage in incomplete[:DETAILS_SHOWN]
    )
    return share(
        complete,
        total,
        values[SHARE],
        summary=summary,
        fix_url=details[0].url if details else "",
        details=details,
    )


register(
    Check(
        key="manager_profiles",
        label=gettext_lazy("Managers' profiles are complete"),
        order=70,
        evaluate=_managers,
        fix_url=lambda: path("people:directory"),
        thresholds=(
            Threshold(
                SHARE,
                gettext_lazy("Managers with a complete profile (%)"),
                80,
                gettext_lazy(
                    "The share of people with direct reports whose profile is complete (photo, "
                    "job, department, location, phone, about me, skills and interests). "
                    "0 switches this off."
                ),
                maximum=100,
            ),
        ),
    )
)


# -- for the checks of other apps: how many departments something reaches -----------------


class _Departments(NamedTuple):
    staffed: dict[int, str]  # pk: name, of the departments with active people in them
    parents: dict[int, int | None]

    def chain(self, pk: int) -> list[int]:
        """The department and every department above it."""
        found: list[int] = []
        current: int | None = pk
        while current is not None and current not in found:  # a cycle in bad data ends it
            found.append(current)
            current = self.parents.get(current)
        return found


def _departments() -> _Departments:
    staffed = Person.objects.filter(department=OuterRef("pk"), is_active=True)
    rows = Department.objects.annotate(staffed=Exists(staffed)).order_by("name", "pk")
    found = _Departments({}, {})
    for pk, parent_id, name, has_people in rows.values_list("pk", "parent_id", "name", "staffed"):
        found.parents[pk] = parent_id
        if has_people:
            found.staffed[pk] = name
    return found


def department_coverage(
    reaching: Iterable[int],
    minimum_percent: int,
    *,
    summary: Callable[[int, int, int], str],
    uncovered: Callable[[str], str],
) -> Result:
    """How many departments with active people in them something reaches (a space, an
    ambassador...), given the departments it is for (`reaching`): something for a department
    reaches the departments below it too. Departments that only group others need nothing of
    their own and are not counted. One query, plus the ones `reaching` makes.

    `summary(covered, total, percent)` and `uncovered(department name)` word the result."""
    tree = _departments()
    reached = set(reaching)
    missing = [name for pk, name in tree.staffed.items() if reached.isdisjoint(tree.chain(pk))]
    total = len(tree.staffed)
    covered = total - len(missing)
    return share(
        covered,
        total,
        minimum_percent,
        summary=summary(covered, total, percent(covered, total))
        if total
        else _("There are no departments with people in them yet."),
        details=tuple(Link(uncovered(name)) for name in missing[:DETAILS_SHOWN]),
    )
