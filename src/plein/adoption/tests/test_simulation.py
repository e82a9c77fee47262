"""`plein demo --simulate-weeks N` leaves weeks of plausible usage, rolled up for the dashboard."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from plein.adoption.models import GroupDay, Kind, UsageEvent
from plein.launch.selectors import launch_plan
from plein.people.demo import minimum_people
from plein.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_simulated_weeks_give_every_chart_something_to_show() -> None:
    call_command(
        "demo", people=minimum_people() + 60, seed=5, simulate_weeks=3, stdout=io.StringIO()
    )
    today = timezone.localdate()
    plan = launch_plan()
    assert plan.is_launched
    assert timezone.localtime(plan.launched_at).date() == today - timedelta(weeks=3)

    days = set(GroupDay.objects.filter(dimension="all").values_list("day", flat=True))
    assert days == {today - timedelta(days=n) for n in range(1, 22)}
    latest = GroupDay.objects.get(dimension="all", day=today - timedelta(days=1))
    people = Person.objects.filter(is_active=True).count()
    assert latest.people == people
    assert 0.3 * people < latest.activated < people  # most, not all, logged in
    assert latest.active_month >= latest.active_week >= latest.active_day > 0
    assert latest.readers > latest.creators > 0  # readers outnumber creators

    # Departments adopt at different speeds.
    shares = [
        row.activated / row.people
        for row in GroupDay.objects.filter(dimension="department", day=latest.day)
        if row.people
    ]
    assert max(shares) - min(shares) > 0.2
    assert UsageEvent.objects.filter(kind=Kind.POST).exists()
    assert not UsageEvent.objects.filter(at__date__gte=today).exists()


def test_simulation_needs_a_launched_phase() -> None:
    with pytest.raises(CommandError):
        call_command(
            "demo",
            people=minimum_people(),
            phase="preparation",
            simulate_weeks=2,
            stdout=io.StringIO(),
        )
