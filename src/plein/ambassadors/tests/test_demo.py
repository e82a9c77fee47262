"""The demo step: after the launch step's ambassadors, one for the town hall and the space."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management.base import OutputWrapper
from faker import Faker

from plein.launch.demo import launch_step
from plein.people.demo import people_step
from plein.spaces.models import Membership

from .. import selectors
from ..demo import DEMO_OWNER, DEMO_TOWN_HALL, ambassadors_step
from ..models import Ambassador

pytestmark = pytest.mark.django_db


def run(step, seed: int = 1) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    step(rng=random.Random(seed), fake=Faker("nl_NL"), people=60, stdout=OutputWrapper(out))
    return out.getvalue()


def test_demo_step_adds_the_town_hall_and_the_space_with_every_ambassador() -> None:
    run(people_step)
    run(launch_step)
    assert "ambassadors:" in run(ambassadors_step)
    assert Ambassador.objects.filter(location__name=DEMO_TOWN_HALL, department=None).count() == 1
    space = selectors.ambassadors_space()
    assert space is not None and space.name == "Ambassadeurs"
    members = dict(
        Membership.objects.filter(space=space, state="member").values_list("person__email", "role")
    )
    assert members.pop(DEMO_OWNER) == "owner"
    ambassadors = set(Ambassador.objects.values_list("person__email", flat=True))
    assert set(members) == ambassadors - {DEMO_OWNER}
    assert DEMO_TOWN_HALL not in {loc.name for loc in selectors.coverage().uncovered_locations}
    run(ambassadors_step)  # running it again changes nothing
    assert Ambassador.objects.count() == len(ambassadors)
