"""Demo content for the launch: ambassadors, the project team, the launch plan in a phase.

`launch_step` is a normal demo step (see plein.core.registries.demo). `phase_apply` runs after
all steps, because `plein demo --phase preparation|pilot|launched` decides how far the launch is:

- launched (default): live for five weeks, everyone has had the invitation;
- pilot: opening in two weeks, one department and a few others try it out first;
- preparation: opening in three weeks; the intranet is partly filled, so the readiness check
  shows a realistic mix: some departments still lack an ambassador, a few managers have not
  finished their profile, there is no training in the agenda yet and the persona has no face.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.ambassadors.models import Ambassador
from plein.core.models import Branding
from plein.events.models import Event
from plein.people.demo import DEMO_LOGINS
from plein.people.models import Department, Person
from plein.spaces.models import Membership

from .models import Invitation, LaunchPlan
from .selectors import launch_plan_forget

PHASES = tuple(value for value, _label in LaunchPlan.Phase.choices)
AMBASSADOR_LOGIN = "ambassadeur@example.org"
PROJECT_TEAM_SIZE = 3


def launch_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """An ambassador in every top-level department (Mo for his own), and a small project team."""
    active = Person.objects.filter(is_active=True)
    mo = active.filter(email=AMBASSADOR_LOGIN).first()
    chosen: dict[int, int] = {}
    if mo is not None and mo.department_id is not None:
        top = _top_department(mo.department_id)
        chosen[top] = mo.pk
    tops = list(Department.objects.filter(parent__isnull=True).order_by("pk"))
    below = _top_of_each_department()
    staff_by_top: dict[int, list[int]] = {}
    for pk, department_id in (
        active.exclude(department__isnull=True).order_by("pk").values_list("pk", "department_id")
    ):
        staff_by_top.setdefault(below[department_id], []).append(pk)
    # The demo logins keep the roles the README gives them: never drawn as ambassador or team.
    logins = active.filter(email__in=[login.email for login in DEMO_LOGINS])
    taken = set(chosen.values()) | set(logins.values_list("pk", flat=True))
    for department in tops:
        candidates = [pk for pk in staff_by_top.get(department.pk, []) if pk not in taken]
        if department.pk not in chosen and candidates:
            chosen[department.pk] = rng.choice(candidates)
            taken.add(chosen[department.pk])
    Ambassador.objects.bulk_create(
        [Ambassador(person_id=pk, department_id=top) for top, pk in chosen.items()]
    )
    team = Group.objects.get(name="project_team")
    ordinary = sorted(set(active.filter(groups__isnull=True).values_list("pk", flat=True)) - taken)
    members = rng.sample(ordinary, min(PROJECT_TEAM_SIZE, len(ordinary)))
    team.user_set.add(*members)
    stdout.write(f"  launch: {len(chosen)} ambassadors, a project team of {len(members)}")


def _top_of_each_department() -> dict[int, int]:
    parents = dict(Department.objects.values_list("pk", "parent_id"))
    tops: dict[int, int] = {}
    for pk in parents:
        top = pk
        while parents.get(top) is not None:
            top = parents[top]
        tops[pk] = top
    return tops


def _top_department(department_id: int) -> int:
    return _top_of_each_department()[department_id]


def phase_apply(*, phase: str, rng: random.Random, stdout: OutputWrapper) -> None:
    """Put the demo organisation in `phase` (runs after every demo step)."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    plan, _created = LaunchPlan.objects.get_or_create(pk=LaunchPlan.SINGLETON_PK)
    plan.phase = phase
    if phase == LaunchPlan.Phase.LAUNCHED:
        plan.launch_date = plan.launched_at = now - timedelta(days=35)
        plan.save()
        people = Person.objects.filter(is_active=True).values_list("pk", flat=True)
        Invitation.objects.bulk_create(
            [Invitation(person_id=pk, sent_at=plan.launched_at) for pk in people],
            batch_size=1000,
            ignore_conflicts=True,
        )
    elif phase == LaunchPlan.Phase.PILOT:
        plan.launch_date = (now + timedelta(days=14)).replace(hour=9)
        plan.save()
        first = Department.objects.filter(parent__isnull=True).order_by("pk").first()
        if first is not None:
            plan.pilot_departments.set([first])
        others = list(
            Person.objects.filter(is_active=True)
            .exclude(email__endswith="@example.org", first_name__in=["Anne"])
            .values_list("pk", flat=True)[:400]
        )
        plan.pilot_people.set(rng.sample(others, min(5, len(others))))
    else:
        plan.launch_date = (now + timedelta(days=21)).replace(hour=9)
        plan.save()
        _leave_work_to_do(rng)
    launch_plan_forget()
    stdout.write(f"  launch: phase {phase}")


def _leave_work_to_do(rng: random.Random) -> None:
    """A few things a real project team still has to do three weeks before the launch."""
    ambassadors = list(Ambassador.objects.exclude(person__email=AMBASSADOR_LOGIN).order_by("pk"))
    gone = [a.person_id for a in rng.sample(ambassadors, len(ambassadors) // 2)]
    Ambassador.objects.filter(person_id__in=gone).delete()
    Membership.objects.filter(
        space__slug="ambassadors", person_id__in=gone, role=Membership.Role.MEMBER
    ).delete()
    managers = list(
        Person.objects.filter(reports__isnull=False)
        .exclude(email__endswith="@example.org")
        .distinct()
        .values_list("pk", flat=True)
    )
    unfinished = rng.sample(managers, len(managers) // 3)
    Person.objects.filter(pk__in=unfinished).update(bio="", photo="")
    Event.objects.filter(category="training", starts_at__gte=timezone.now()).delete()
    Branding.objects.filter(pk=Branding.SINGLETON_PK).update(persona_avatar="")
