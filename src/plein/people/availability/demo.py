"""Absences in the demo: some colleagues away today, others with a holiday planned, and the
team of every demo account that manages people has someone away in the coming two weeks."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from ..demo.logins import DEMO_LOGINS
from ..models import Absence, Person
from .models import next_working_day

NOTES = (
    "Op vakantie. Vragen over projecten? Mail het team.",
    "Ziek thuis.",
    "Cursus. Beperkt bereikbaar per mail.",
    "Verlof. Dringende zaken via mijn leidinggevende.",
    "",
    "",
)


def _workday(day: date) -> date:
    return day if day.weekday() < 5 else next_working_day(day)


def _absence(rng: random.Random, person_id: int, today: date, *, now: bool) -> Absence:
    first = (
        today - timedelta(days=rng.randint(0, 3))
        if now
        else today + timedelta(days=rng.randint(1, 12))
    )
    first = first if now else _workday(first)
    last = max(first, today) + timedelta(days=rng.choice((0, 1, 2, 4, 7, 11)))
    return Absence(person_id=person_id, first_day=first, last_day=last, note=rng.choice(NOTES))


def absences_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """About one in twelve colleagues away today and as many with a holiday planned."""
    today = timezone.localdate()
    logins = {login.email for login in DEMO_LOGINS}
    ids = list(
        Person.objects.filter(is_active=True)
        .exclude(email__in=logins)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = max(2, len(ids) // 12)
    away = rng.sample(ids, min(count, len(ids)))
    taken = set(away)
    rest = [pk for pk in ids if pk not in taken]
    planned = rng.sample(rest, min(count, len(rest)))
    # A demo manager sees their team's page filled: one report away now, one later.
    for manager in Person.objects.filter(email__in=logins).order_by("pk"):
        reports = sorted(
            Person.objects.filter(manager=manager, is_active=True).values_list("pk", flat=True)
        )
        if len(reports) >= 2:
            first, second = rng.sample(reports, 2)
            away += [first] if first not in away else []
            planned += [second] if second not in planned and second not in away else []
    absences = [_absence(rng, pk, today, now=True) for pk in dict.fromkeys(away)]
    absences += [
        _absence(rng, pk, today, now=False) for pk in dict.fromkeys(planned) if pk not in away
    ]
    Absence.objects.filter(person_id__in=[a.person_id for a in absences]).delete()
    Absence.objects.bulk_create(absences, batch_size=500)
    stdout.write(f"  absences: {len(absences)} ({len(set(away))} away today)")
