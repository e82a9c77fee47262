"""Reads about the launch: the plan (cached, because every request asks for the phase)."""

from __future__ import annotations

from django.core.cache import cache

from plein.core.selectors import SHARED_STATE_SECONDS
from plein.people.models import Department

from .models import LaunchPlan

LAUNCH_PLAN_CACHE_KEY = "plein:launch-plan:v1"


def launch_plan() -> LaunchPlan:
    """The launch plan; a database without one counts as launched (an existing intranet).

    It carries `pilot_department_ids` (the pilot's departments and all below them) and
    `pilot_person_ids`, so asking "may this person in?" costs no query."""
    plan = cache.get(LAUNCH_PLAN_CACHE_KEY)
    if plan is None:
        plan = LaunchPlan.objects.filter(pk=LaunchPlan.SINGLETON_PK).first()
        if plan is None:
            plan = LaunchPlan(pk=LaunchPlan.SINGLETON_PK)
        else:
            chosen = plan.pilot_departments.values_list("pk", flat=True)
            plan.pilot_department_ids = frozenset(_with_descendants(set(chosen)))
            plan.pilot_person_ids = frozenset(plan.pilot_people.values_list("pk", flat=True))
        # Short-lived: a request that read the old row just before a change committed can
        # store it after the change's delete; this bounds how long such a copy lives.
        cache.set(LAUNCH_PLAN_CACHE_KEY, plan, timeout=SHARED_STATE_SECONDS)
    return plan


def _with_descendants(ids: set[int]) -> set[int]:
    if not ids:
        return set()
    children: dict[int, list[int]] = {}
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(ids), list(ids)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def launch_plan_forget() -> None:
    cache.delete(LAUNCH_PLAN_CACHE_KEY)
