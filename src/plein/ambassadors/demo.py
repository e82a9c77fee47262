"""The demo step for ambassadors; runs after plein.launch.demo.launch_step, which designates an
ambassador for each top-level department. This step adds one for the town hall and makes the
ambassadors' space (owned by the community manager, every ambassador in it). Rows are written
directly: no e-mails."""

from __future__ import annotations

import random

from django.core.management.base import OutputWrapper
from faker import Faker

from plein.people.models import Location, Person
from plein.spaces.models import Membership, Space

from .models import Ambassador
from .selectors import AMBASSADORS_SPACE_SLUG

DEMO_OWNER = "beheer@example.org"
DEMO_TOWN_HALL = "Stadhuis"


def ambassadors_step(
    *, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper
) -> None:
    town_hall = Location.objects.filter(name=DEMO_TOWN_HALL).first()
    if town_hall is not None and not Ambassador.objects.filter(location=town_hall).exists():
        here = list(
            Person.objects.filter(is_active=True, location=town_hall, ambassador__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if here:
            Ambassador.objects.create(person_id=rng.choice(here), location=town_hall)
    owner = (
        Person.objects.filter(email=DEMO_OWNER).first()
        or Person.objects.filter(groups__name="community_manager", is_active=True)
        .order_by("pk")
        .first()
    )
    space, _created = Space.objects.get_or_create(
        slug=AMBASSADORS_SPACE_SLUG,
        defaults={
            "name": "Ambassadeurs",
            "description": (
                "Voor de ambassadeurs van het intranet en de communitymanagers: deel wat "
                "collega's vragen, wat werkt en wat niet, en help elkaar om de rest te helpen."
            ),
            "kind": Space.Kind.SECRET,
            "created_by": owner,
        },
    )
    ambassadors = list(
        Ambassador.objects.filter(person__is_active=True).values_list("person_id", flat=True)
    )
    members = [Membership(space=space, person_id=pk, state="member") for pk in ambassadors]
    if owner is not None:
        members.insert(0, Membership(space=space, person=owner, role="owner", state="member"))
    Membership.objects.bulk_create(members, ignore_conflicts=True)
    stdout.write(f"  ambassadors: {len(ambassadors)} in the space {space.name}")
