import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.events.demo import events_step
from plein.events.models import RSVP, Event
from plein.people.demo import people_step
from plein.spaces.demo import spaces_step

pytestmark = pytest.mark.django_db


def _run(seed: int) -> list[tuple[object, ...]]:
    out = OutputWrapper(io.StringIO())
    events_step(rng=random.Random(seed), fake=Faker("nl_NL"), people=60, stdout=out)
    rows = Event.objects.order_by("starts_at", "title").values_list(
        "title", "starts_at", "space__slug", "going_count", "waitlist_count", "organiser_id"
    )
    answers = RSVP.objects.order_by("event__starts_at", "event__title", "person_id").values_list(
        "person_id", "state"
    )
    return [*rows, *answers]


def test_demo_agenda_is_deterministic_and_complete() -> None:
    out = OutputWrapper(io.StringIO())
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    rng = random.Random(1)
    people_step(rng=rng, fake=fake, people=60, stdout=out)
    spaces_step(rng=rng, fake=fake, people=60, stdout=out)

    first = _run(7)
    titles = set(Event.objects.values_list("title", flat=True))
    assert {"Training: werken met Plein", "Cursus Omgevingswet", "Vrijdagmiddagborrel"} <= titles
    assert "Lancering van Plein" in titles
    weekly = Event.objects.filter(title="Wekelijks teamoverleg Burgerzaken")
    assert weekly.count() > 1 and weekly.values("series").distinct().count() == 1
    assert weekly.first().space.slug == "afdeling-burgerzaken"  # type: ignore[union-attr]
    full = Event.objects.get(title="Training: werken met Plein")
    assert full.going_count == full.capacity and full.waitlist_count > 0
    assert Event.objects.filter(category="training").count() >= 3

    Event.objects.all().delete()
    assert _run(7) == first
