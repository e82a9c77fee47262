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
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone

from plein.launch.models import LaunchPlan
from plein.launch.selectors import launch_plan_forget
from plein.people.models import Department, Person

from .models import Kind, UsageEvent
from .rollups import rollup_day

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


def _keenness(
    people: Sequence[tuple[int, int | None, int | None]], rng: random.Random
) -> tuple[dict[int, tuple[int | None, float]], set[int]]:
    """Each person's top-level department and appetite (0..1), and the managers who lead by
    example. Appetite per department: one lags, the others spread between slow and keen."""
    tops = _tops()
    top_ids = sorted(set(tops.values()))
    appetite = {pk: rng.uniform(0.45, 0.9) for pk in top_ids}
    # The one that lags is one of the larger departments, so the dashboard shows it (groups under
    # five people are merged into "Other").
    size = Counter(tops[dept] for _pk, dept, _m in people if dept in tops)
    larger = sorted(top_ids, key=lambda pk: (-size[pk], pk))[: max(1, len(top_ids) // 2)]
    if top_ids:
        appetite[rng.choice(larger)] = 0.25
    heads = {manager for _pk, _dept, manager in people if manager}
    leading = {pk for pk in sorted(heads) if rng.random() < 0.6}
    led_departments = {tops[dept] for pk, dept, _m in people if pk in leading and dept in tops}
    keenness: dict[int, tuple[int | None, float]] = {}
    for pk, department_id, _manager in people:
        top = tops.get(department_id) if department_id else None
        keen = appetite.get(top, 0.5) if top else 0.4
        if top in led_departments:
            keen = min(0.95, keen + 0.15)
        if pk in heads:
            keen = min(0.98, keen + (0.3 if pk in leading else 0.0))
        keenness[pk] = (top, keen)
    return keenness, leading


def _person_events(
    events: list[UsageEvent],
    *,
    pk: int,
    keen: float,
    leads: bool,
    days: tuple[date, date],
    rng: random.Random,
) -> datetime | None:
    """Append one person's usage from the launch day until today; returns their last visit."""
    launch_day, today = days
    last_seen = None
    # Most activate in the first days, the rest after the reminders (week 1 and 3).
    delay = int(rng.expovariate(1 / (2 + 10 * (1 - keen))))
    engagement = rng.betavariate(1 + 4 * keen, 2 + 3 * (1 - keen))
    creator = rng.random() < (0.5 if leads else 0.03 + 0.12 * engagement)
    day = launch_day + timedelta(days=delay)
    while day < today:
        weekend = day.weekday() >= 5
        if rng.random() < engagement * (0.08 if weekend else 1.0):
            moment = last_seen = _moment(rng, day)
            events.append(UsageEvent(at=moment, person_id=pk, kind=Kind.VISIT))
            for _view in range(rng.randint(1, 5)):
                events.append(UsageEvent(at=moment, person_id=pk, kind=Kind.VIEW, subject="posts"))
            if rng.random() < 0.35 * engagement:
                kind = Kind.REACTION if rng.random() < 0.7 else Kind.COMMENT
                events.append(UsageEvent(at=moment, person_id=pk, kind=kind))
            if creator and rng.random() < (0.25 if leads else 0.1):
                events.append(UsageEvent(at=moment, person_id=pk, kind=Kind.POST, subject="post"))
        day += timedelta(days=1)
        engagement = min(1.0, max(0.02, engagement + rng.uniform(-0.02, 0.015)))
    return last_seen


def _who_logs_in(keenness: dict[int, tuple[int | None, float]], rng: random.Random) -> set[int]:
    """Who ever logs in: per top-level department a share that follows its people's appetite,
    the keener ones likelier. A quota rather than a coin per person, so that in a small
    organisation too the lagging department lags (coins can make five-person departments alike)."""
    groups: dict[int | None, list[tuple[int, float]]] = {}
    for pk, (top, keen) in sorted(keenness.items()):
        groups.setdefault(top, []).append((pk, keen))
    chosen: set[int] = set()
    for _top, members in sorted(groups.items(), key=lambda item: item[0] or 0):
        share = sum(min(1.0, keen + 0.1) for _pk, keen in members) / len(members)
        ranked = sorted(members, key=lambda member: member[1] + rng.random() / 2, reverse=True)
        chosen.update(pk for pk, _keen in ranked[: round(share * len(members))])
    return chosen


def _moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.randint(0, WORKDAY_HOURS * 60 - 1)
    naive = datetime.combine(day, time(WORKDAY_START)) + timedelta(minutes=minutes)
    return timezone.make_aware(naive)


def simulate(*, weeks: int, rng: random.Random, stdout: OutputWrapper) -> int:
    """Write N weeks of usage up to yesterday; returns the number of events written."""
    launch_day, today = _launch(weeks)
    people = list(
        Person.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "department_id", "manager_id")
    )
    keenness, leading = _keenness(people, rng)
    logging_in = _who_logs_in(keenness, rng)
    written, last_seen = _write_events(
        keenness, leading, logging_in, days=(launch_day, today), rng=rng
    )
    _record_last_logins(last_seen)
    day = launch_day
    while day < today:
        rollup_day(day)
        day += timedelta(days=1)
    stdout.write(
        f"  adoption: {weeks} weeks since the launch, {written} usage events, "
        f"{len(last_seen)} of {len(people)} people active at least once"
    )
    return written


def _launch(weeks: int) -> tuple[date, date]:
    """Launch Plein N weeks ago (at nine); returns the launch day and today."""
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
    return launch_day, today


def _write_events(
    keenness: dict[int, tuple[int | None, float]],
    leading: set[int],
    logging_in: set[int],
    *,
    days: tuple[date, date],
    rng: random.Random,
) -> tuple[int, dict[int, datetime]]:
    """Write the usage events of everyone who logs in, in batches; returns the number written
    and when each person was last seen."""
    events: list[UsageEvent] = []
    written = 0
    last_seen: dict[int, datetime] = {}
    for pk, (_top, keen) in keenness.items():
        if pk not in logging_in:
            continue  # never logs in
        seen = _person_events(events, pk=pk, keen=keen, leads=pk in leading, days=days, rng=rng)
        if seen is not None:
            last_seen[pk] = seen
        if len(events) >= BATCH:
            UsageEvent.objects.bulk_create(events, batch_size=BATCH)
            written += len(events)
            events.clear()
    UsageEvent.objects.bulk_create(events, batch_size=BATCH)
    written += len(events)
    return written, last_seen


def _record_last_logins(last_seen: dict[int, datetime]) -> None:
    """Everyone's last login is their last visit in the simulation (none if they never came)."""
    Person.objects.filter(is_active=True).exclude(pk__in=last_seen).update(last_login=None)
    Person.objects.bulk_update(
        [Person(pk=pk, last_login=moment) for pk, moment in last_seen.items()],
        ["last_login"],
        batch_size=1000,
    )
