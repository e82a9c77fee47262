"""Demo content for the start page: quick links and colleagues who share their birthday."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person

from .models import Celebrations, QuickLink

QUICK_LINKS = (
    ("Roosterplanner", "https://rooster.gemeente-voorbeeld.example", "Je diensten en verlof"),
    ("Declaraties en verlof", "https://hr.gemeente-voorbeeld.example", "Via de HR-selfservice"),
    ("Zaaksysteem", "https://zaken.gemeente-voorbeeld.example", ""),
    ("Servicedesk ICT", "https://servicedesk.gemeente-voorbeeld.example", "Storing melden"),
    ("Personeelsgids", "https://gids.gemeente-voorbeeld.example", "Regelingen en cao"),
    ("Vergaderzalen reserveren", "https://zalen.gemeente-voorbeeld.example", ""),
)
SHARE_SHARE = 0.15  # of the people share their birthday and work anniversary


def _same_day(today: date, year: int) -> date:
    """Today's day and month in another year (28 February for 29 February)."""
    try:
        return today.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def startpage_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    if not QuickLink.objects.exists():
        QuickLink.objects.bulk_create(
            QuickLink(title=title, url=url, description=text, position=(n + 1) * 10)
            for n, (title, url, text) in enumerate(QUICK_LINKS)
        )
    today = timezone.localdate()
    person_ids = list(
        Person.objects.filter(is_active=True)
        .exclude(celebrations__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = [pk for pk in person_ids if rng.random() < SHARE_SHARE]
    rows = []
    for index, pk in enumerate(chosen):
        # A few celebrate today, so the start page shows it; the rest on any day of the year.
        birthday = today if index < 2 else date(2000, 1, 1) + timedelta(days=rng.randrange(366))
        started = (
            date(today.year - 1 - rng.randrange(30), today.month, today.day)
            if index == 2
            else (
                date(today.year - 1 - rng.randrange(30), 1, 1) + timedelta(days=rng.randrange(365))
            )
        )
        rows.append(
            Celebrations(
                person_id=pk,
                birth_day=birthday.day,
                birth_month=birthday.month,
                started_on=started,
                share=True,
            )
        )
    Celebrations.objects.bulk_create(rows, batch_size=1000)
    stdout.write(
        f"  start page: {len(QUICK_LINKS)} quick links, {len(rows)} people share birthdays"
    )
