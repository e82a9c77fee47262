"""The nightly roll-ups on a small hand-made organisation: active windows, the 90-9-1 split,
small groups merged into "other", re-runs, pruning and the command."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from plein.adoption import rollups
from plein.adoption.models import GroupDay, Kind, PersonDay, UsageEvent
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 31)
LONG_AGO = timezone.make_aware(datetime(2024, 1, 1, 9))


@pytest.fixture(autouse=True)
def small_groups(settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_ADOPTION_MIN_GROUP = 3


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _event(person, kind: str, days_before: int = 0, hour: int = 12) -> None:  # type: ignore[no-untyped-def]
    UsageEvent.objects.create(person=person, kind=kind, at=_at(DAY - timedelta(days_before), hour))


@pytest.fixture
def organisation():  # type: ignore[no-untyped-def]
    """Four people in a big department, one in a small one."""
    big, small = DepartmentFactory(name="Burgerzaken"), DepartmentFactory(name="Griffie")
    office = LocationFactory(name="Stadhuis")
    people = {
        name: PersonFactory(
            first_name=name,
            department=big,
            location=office,
            date_joined=LONG_AGO,
            last_login=LONG_AGO,
        )
        for name in ("ann", "bob", "cas", "dirk")
    }
    people["eva"] = PersonFactory(
        first_name="eva", department=small, location=office, date_joined=LONG_AGO
    )
    people["cas"].manager = people["bob"]  # bob is a manager
    people["cas"].save()
    # ann's profile is complete
    ann = people["ann"]
    ann.photo, ann.job_title, ann.phone, ann.bio = "photos/a.jpg", "Adviseur", "06", "Hoi"
    ann.save()
    ann.skills.add(TagFactory())
    ann.interests.add(TagFactory())
    _event(people["ann"], Kind.VISIT)
    _event(people["ann"], Kind.POST)  # creator, active today
    _event(people["bob"], Kind.COMMENT, days_before=3)  # responder, active this week
    _event(people["bob"], Kind.VIEW, days_before=3)
    _event(people["cas"], Kind.VIEW, days_before=10)  # reader, active this month
    _event(people["dirk"], Kind.POST, days_before=30)  # too long ago
    _event(people["eva"], Kind.NUDGE)  # nudged, not active
    _event(people["ann"], Kind.VIEW, days_before=-1, hour=0)  # the next day: not counted
    return {"people": people, "big": big, "small": small, "office": office}


def _roll_up_month() -> None:
    for n in range(31, -1, -1):
        rollups.rollup_day(DAY - timedelta(days=n))


def _row(dimension: str, key: str) -> GroupDay:
    return GroupDay.objects.get(day=DAY, dimension=dimension, key=key)


def test_person_days_count_what_each_person_did(organisation) -> None:  # type: ignore[no-untyped-def]
    people = organisation["people"]
    rollups.rollup_day(DAY)
    days = {row.person_id: row for row in PersonDay.objects.filter(day=DAY)}
    assert set(days) == {people["ann"].pk, people["eva"].pk}
    ann = days[people["ann"].pk]
    assert (ann.visits, ann.views, ann.created, ann.responded) == (1, 0, 1, 0)
    assert ann.department_id == organisation["big"].pk
    assert days[people["eva"].pk].nudged == 1
    bob = PersonDay.objects.filter(person=people["bob"])
    rollups.rollup_day(DAY - timedelta(days=3))
    assert bob.get().is_manager and bob.get().responded == 1


def test_group_figures_over_the_day_week_and_month(organisation) -> None:  # type: ignore[no-untyped-def]
    _roll_up_month()
    everyone = _row("all", "all")
    assert everyone.label
    assert everyone.people == 5
    assert everyone.activated == 4
    assert (everyone.active_day, everyone.active_week, everyone.active_month) == (1, 2, 3)
    assert (everyone.creators, everyone.responders, everyone.readers) == (1, 1, 1)
    assert everyone.profiles_complete == 1
    assert everyone.nudged == 1
    assert everyone.managers_taking_part == 1  # bob, who commented

    big = _row("department", str(organisation["big"].pk))
    assert (big.label, big.people, big.active_month) == ("Burgerzaken", 4, 3)
    # Griffie has one person: merged into "other", never shown on its own.
    assert not GroupDay.objects.filter(key=str(organisation["small"].pk)).exists()
    other = _row("department", GroupDay.OTHER)
    assert (other.people, other.nudged, other.active_month) == (1, 1, 0)

    office = _row("location", str(organisation["office"].pk))
    assert (office.people, office.active_week) == (5, 2)
    employees = _row("role", "employee")
    assert (employees.people, employees.active_month) == (4, 2)
    assert _row("role", GroupDay.OTHER).people == 1  # the one manager
    # A week later ann's post is still within 28 days; cas's view is not within the week.
    assert GroupDay.objects.get(day=DAY - timedelta(days=1), dimension="all").active_day == 0


def test_a_roll_up_can_be_run_again(organisation) -> None:  # type: ignore[no-untyped-def]
    _roll_up_month()
    before = list(GroupDay.objects.filter(day=DAY).order_by("dimension", "key").values())
    persons = PersonDay.objects.count()
    rollups.rollup_day(DAY)
    after = list(GroupDay.objects.filter(day=DAY).order_by("dimension", "key").values())
    assert [{**r, "id": 0} for r in before] == [{**r, "id": 0} for r in after]
    assert PersonDay.objects.count() == persons


def test_the_roll_up_takes_a_fixed_number_of_queries(
    organisation, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20):
        person = PersonFactory(department=organisation["big"], date_joined=LONG_AGO)
        _event(person, Kind.VISIT)
    with django_assert_max_num_queries(20):
        rollups.rollup_day(DAY)


def test_prune_deletes_raw_events_and_old_person_days_but_keeps_group_days(
    organisation, settings
) -> None:  # type: ignore[no-untyped-def]
    _roll_up_month()
    settings.PLEIN_ADOPTION_RAW_DAYS = 5
    settings.PLEIN_ADOPTION_PERSON_DAYS = 20
    groups = GroupDay.objects.count()
    pruned = rollups.prune(_at(DAY, 18))
    assert pruned.events == 2  # cas's and dirk's
    names = set(UsageEvent.objects.values_list("person__first_name", flat=True))
    assert names == {"ann", "bob", "eva"}
    assert not PersonDay.objects.filter(day__lt=DAY - timedelta(days=20)).exists()
    assert PersonDay.objects.filter(day=DAY - timedelta(days=10)).exists()
    assert GroupDay.objects.count() == groups


def test_the_command_rolls_up_a_day_a_range_and_what_was_missed(organisation) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("adoption-rollup", "--day", DAY.isoformat(), stdout=out)
    assert f"{DAY}: 2 people active" in out.getvalue()
    assert GroupDay.objects.filter(day=DAY, dimension="all").exists()

    yesterday = timezone.localdate() - timedelta(days=1)
    call_command("adoption-rollup", "--since", (yesterday - timedelta(days=2)).isoformat(),
                 stdout=io.StringIO())  # fmt: skip
    assert (
        GroupDay.objects.filter(dimension="all", day__gte=yesterday - timedelta(days=2)).count()
        == 3
    )

    GroupDay.objects.filter(day=yesterday).delete()
    assert rollups.days_to_roll_up() == [yesterday]
    call_command("adoption-rollup", stdout=io.StringIO())
    assert GroupDay.objects.filter(dimension="all", day=yesterday).exists()
    assert rollups.days_to_roll_up() == [yesterday]  # yesterday again (idempotent), no more


def test_the_nightly_task_rolls_up_and_prunes(organisation) -> None:  # type: ignore[no-untyped-def]
    from plein.adoption.tasks import adoption_nightly, next_run

    result = adoption_nightly.enqueue()
    assert result.return_value["days"] >= 1
    yesterday = timezone.localdate() - timedelta(days=1)
    assert GroupDay.objects.filter(dimension="all", day=yesterday).exists()
    now = timezone.make_aware(datetime(2025, 3, 31, 3))
    assert next_run(now) == timezone.make_aware(datetime(2025, 4, 1, 2))
