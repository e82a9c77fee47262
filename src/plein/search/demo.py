"""The demo's search index: built last, once every other step has written its content (the
steps write in bulk, around the services that keep the index current). Then a few searches
that found nothing, by enough different people to be shown on the adoption dashboard, and one
of them already a writing task."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person

from .misses.services import miss_record, search_task_create
from .services import search_reindex

# Term: how many different people searched it without result.
MISSES = {"parkeervergunning": 9, "thuiswerkvergoeding": 7, "bhv cursus": 6, "fietsplan": 2}
TASK_TERM = "bhv cursus"


def misses_demo(rng: random.Random) -> int:
    """The searches without results of the last weeks; returns how many were recorded."""
    people = list(Person.objects.filter(is_active=True).values_list("pk", flat=True)[:200])
    today = timezone.localdate()
    recorded = 0
    for term, count in MISSES.items():
        for pk in rng.sample(people, min(count, len(people))):
            for _search in range(rng.randint(1, 3)):
                day = today - timedelta(days=rng.randint(0, 20))
                miss_record(person=Person(pk=pk), term=term, day=day)
                recorded += 1
    editor = Person.objects.filter(is_active=True, groups__name="community_manager").first()
    if editor is not None:
        search_task_create(by=editor, term=TASK_TERM)
    return recorded


def search_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    written = search_reindex()
    stdout.write(f"  search: {written} entries indexed")
    recorded = misses_demo(rng)
    stdout.write(f"  search: {recorded} searches without results, one writing task")
