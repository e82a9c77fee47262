"""`plein demo --phase …` builds the organisation at that point of its launch."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from plein.launch.models import Invitation, LaunchPlan
from plein.launch.permissions import can_enter
from plein.launch.readiness.selectors import report
from plein.launch.selectors import launch_plan
from plein.people.demo import minimum_people
from plein.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _demo(phase: str) -> None:
    call_command("demo", people=minimum_people() + 20, seed=3, phase=phase, stdout=io.StringIO())


def test_preparation_leaves_a_realistic_mix_for_the_readiness_check() -> None:
    _demo("preparation")
    plan = launch_plan()
    assert plan.phase == LaunchPlan.Phase.PREPARATION and plan.launch_date is not None
    items = report().items
    done = [item for item in items if item.result.done]
    assert 3 <= len(done) <= len(items) - 3
    assert not Invitation.objects.exists()
    assert not can_enter(Person.objects.get(email="medewerker@example.org"))
    assert can_enter(Person.objects.get(email="ambassadeur@example.org"))
    assert can_enter(Person.objects.get(email="redactie@example.org"))


def test_pilot_lets_a_department_in() -> None:
    _demo("pilot")
    plan = launch_plan()
    assert plan.phase == LaunchPlan.Phase.PILOT and plan.pilot_department_ids
    pilot = Person.objects.filter(department_id__in=plan.pilot_department_ids).first()
    assert pilot is not None and can_enter(pilot)


def test_launched_is_live_and_everyone_was_invited() -> None:
    _demo("launched")
    plan = launch_plan()
    assert plan.is_launched and plan.launched_at is not None
    assert Invitation.objects.count() == Person.objects.filter(is_active=True).count()
