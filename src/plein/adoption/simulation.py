"""`plein demo --simulate-weeks N`: plausible usage for N weeks after the launch.

The demo organisation then goes live N weeks ago, and every working day since has visits, views,
posts, comments and reactions drawn from a simple model, so each chart on the adoption dashboard
shows a story:

- each top-level department has its own appetite: some adopt fast, some slowly, one lags behind;
- a manager who leads by example (visits often, posts weekly) lifts the whole department;
- people activate over the first weeks (most in the first days after the invitation, some only
  after a reminder, a few never), and the engaged ones visit most working days;
- weekends are quiet; creators are few, responders more, readers most (roughly 90-9-1).

Events are written in bulk as raw usage events, then rolled up day by day as the nightly task
would, so the dashboard reads what production would read.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone

from plein.people.models import Department, Person

from .models import Kind, UsageEvent

BATCH = 5000
WORKDAY_START, WORKDAY_HOURS = 8, 9


def _tops() -> dict[int, int]:
    parents = dict(Department.objects.values_list("pk", "parent_id"))
    tops: dict[int, int] = {}
    for pk in parents:
        top = pk
        while parents.get(top) is not None:
            top = parents[top]
        tops[pk] = top
    return tops


def _moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.randint(0, WORKDAY_HOURS * 60 - 1)
    naive = datetime.combine(day, time(WORKDAY_START)) + timedelta(minutes=minutes)
    return timezone.make_aware(naive)


def simulate(*, weeks: int, rng: random.Random, stdout: OutputWrapper) -> int:
    """Write N weeks of usage up to yesterday; returns the number of events written."""
    from plein.launch.models import LaunchPlan
    from plein.launch.selectors import launch_plan_forget

    today = timezone.localdate()
    launch_day = today - timedelta(weeks=weeks)
    launched_at = timezone.make_aware(datetime.combine(launch_day, time(9)))
    LaunchPlan.objects.update_or_create(
        pk=LaunchPlan.SINGLETON_PK,
        defaults={
            "phase": LaunchPlan.Phase.LAUNCHED,
            "launch_date": launched_at,
            "launched_at": launched_at,
        },
    )
    launch_plan_forget()

    tops = _tops()
    top_ids = sorted(set(tops.values()))
    # Appetite per department: one lags, the others spread between slow and keen.
    appetite = {pk: rng.uniform(0.45, 0.9) for pk in top_ids}
    if top_ids:
        appetite[rng.choice(top_ids)] = 0.25
    people = list(
        Person.objects.filter(is_active=True).values_list("pk", "department_id", "manager_id")
    )
    heads = {manager for _pk, _dept, manager in people if manager}
    leading = {pk for pk in sorted(heads) if rng.random() < 0.6}  # managers who lead by example
    led_departments = {tops[dept] for pk, dept, _m in people if pk in leading and dept in tops}

    events: list[UsageEvent] = []
    written = 0
    last_seen: dict[int, datetime] = {}

    def flush() -> None:
        nonlocal written
        UsageEvent.objects.bulk_create(events, batch_size=BATCH)
        written += len(events)
        events.clear()

    for pk, department_id, _manager in people:
        top = tops.get(department_id) if department_id else None
        keen = appetite.get(top, 0.5) if top else 0.4
        if top in led_departments:
            keen = min(0.95, keen + 0.15)
        if pk in heads:
            keen = min(0.98, keen + (0.3 if pk in leading else 0.0))
        if rng.random() > keen + 0.1:
            continue  # never logs in
        # Most activate in the first days, the rest after the reminders (week 1 and 3).
        delay = int(rng.expovariate(1 / (2 + 10 * (1 - keen))))
        engagement = rng.betavariate(1 + 4 * keen, 2 + 3 * (1 - keen))
        creator = rng.random() < (0.5 if pk in leading else 0.03 + 0.12 * engagement)
        day = launch_day + timedelta(days=delay)
        while day < today:
            weekend = day.weekday() >= 5
            if rng.random() < engagement * (0.08 if weekend else 1.0):
                moment = _moment(rng, day)
                events.append(UsageEvent(at=moment, person_id=pk, kind=Kind.VISIT))
                for _view in range(rng.randint(1, 5)):
                    events.append(
                        UsageEvent(at=moment, person_id=pk, kind=Kind.VIEW, subject="posts")
                    )
                if rng.random() < 0.35 * engagement:
                    kind = Kind.REACTION if rng.random() < 0.7 else Kind.COMMENT
                    events.append(UsageEvent(at=moment, person_id=pk, kind=kind))
                if creator and rng.random() < (0.25 if pk in leading else 0.1):
                    events.append(
                        UsageEvent(at=moment, person_id=pk, kind=Kind.POST, subject="post")
                    )
                last_seen[pk] = moment
            day += timedelta(days=1)
            engagement = min(1.0, max(0.02, engagement + rng.uniform(-0.02, 0.015)))
        if len(events) >= BATCH:
            flush()
    flush()

    Person.objects.filter(is_active=True).exclude(pk__in=last_seen).update(last_login=None)
    Person.objects.bulk_update(
        [Person(pk=pk, last_login=moment) for pk, moment in last_seen.items()],
        ["last_login"],
        batch_size=1000,
    )

    from .rollups import rollup_day

    day = launch_day
    while day < today:
        rollup_day(day)
        day += timedelta(days=1)
    stdout.write(
        f"  adoption: {weeks} weeks since the launch, {written} usage events, "
        f"{len(last_seen)} of {len(people)} people active at least once"
    )
    return written
