"""Absences: the write path (validation, overlap, who may) and the permission pair."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plein.people.availability import services
from plein.people.availability.models import next_working_day
from plein.people.availability.permissions import (
    can_edit_absences,
    can_view_absences,
    visible_absences,
)
from plein.people.models import Absence, AbsenceFeed

from .factories import AbsenceFactory, PersonFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def create(person, first: date, last: date, **extra):  # type: ignore[no-untyped-def]
    return services.absence_create(
        by=person, person=person, first_day=first, last_day=last, **extra
    )


def test_next_working_day_skips_the_weekend() -> None:
    assert next_working_day(date(2026, 12, 11)) == date(2026, 12, 14)  # Friday: Monday
    assert next_working_day(date(2026, 12, 12)) == date(2026, 12, 14)  # Saturday: Monday
    assert next_working_day(date(2026, 12, 14)) == date(2026, 12, 15)


def test_an_absence_is_saved_with_a_tidy_note_and_back_on_the_next_working_day(person) -> None:  # type: ignore[no-untyped-def]
    absence = create(person, days(0), days(4), note="  Op vakantie,\n mail   Piet ")

    absence.refresh_from_db()
    assert (absence.first_day, absence.last_day, absence.source) == (days(0), days(4), "manual")
    assert absence.note == "Op vakantie, mail Piet"
    assert absence.back_on is None
    assert absence.returns_on == next_working_day(days(4))


@pytest.mark.parametrize(
    ("first", "last", "back", "field"),
    [
        (2, 1, None, "last_day"),  # ends before it starts
        (-5, -1, None, "last_day"),  # over already
        (0, 400, None, "last_day"),  # longer than a year
        (0, 2, 2, "back_on"),  # back on a day away
    ],
)
def test_impossible_days_are_refused_at_their_field(person, first, last, back, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create(person, days(first), days(last), back_on=days(back) if back is not None else None)

    assert field in caught.value.error_dict
    assert not Absence.objects.exists()


def test_a_note_too_long_is_refused(person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create(person, days(0), days(0), note="x" * 201)
    assert "note" in caught.value.error_dict


def test_an_overlapping_absence_is_refused_with_the_days_it_overlaps(person) -> None:  # type: ignore[no-untyped-def]
    create(person, days(2), days(6))

    with pytest.raises(ValidationError) as caught:
        create(person, days(5), days(9))

    assert caught.value.code == "overlap"
    assert str(days(6).year) in caught.value.messages[0]
    assert Absence.objects.filter(person=person).count() == 1
    create(person, days(7), days(9))  # right after it is fine


def test_a_manual_absence_replaces_calendar_ones_on_the_same_days(person) -> None:  # type: ignore[no-untyped-def]
    AbsenceFactory(person=person, first_day=days(1), last_day=days(3), source="calendar")
    later = AbsenceFactory(person=person, first_day=days(10), last_day=days(11), source="calendar")

    create(person, days(2), days(4))

    assert list(Absence.objects.filter(person=person).values_list("source", "first_day")) == [
        ("manual", days(2)),
        ("calendar", later.first_day),
    ]


def test_only_the_person_and_administrators_set_absences(person, administrator) -> None:  # type: ignore[no-untyped-def]
    colleague = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.absence_create(by=colleague, person=person, first_day=days(0), last_day=days(0))

    absence = services.absence_create(
        by=administrator, person=person, first_day=days(0), last_day=days(0)
    )
    with pytest.raises(PermissionDenied):
        services.absence_delete(by=colleague, absence=absence)
    services.absence_delete(by=person, absence=absence)
    assert not Absence.objects.exists()


def test_changing_a_calendar_absence_makes_it_ones_own(person) -> None:  # type: ignore[no-untyped-def]
    absence = AbsenceFactory(person=person, first_day=days(1), last_day=days(2), source="calendar")
    AbsenceFactory(person=person, first_day=days(5), last_day=days(6))

    services.absence_update(
        by=person, absence=absence, first_day=days(1), last_day=days(3), note="Cursus"
    )
    absence.refresh_from_db()
    assert (absence.last_day, absence.note, absence.source) == (days(3), "Cursus", "manual")

    with pytest.raises(ValidationError):  # onto the other one
        services.absence_update(by=person, absence=absence, first_day=days(1), last_day=days(5))
    absence.refresh_from_db()
    assert absence.last_day == days(3)


def test_a_reading_replaces_calendar_absences_and_leaves_manual_ones(person) -> None:  # type: ignore[no-untyped-def]
    feed = AbsenceFeed.objects.create(person=person, url="https://agenda.example.org/a.ics")
    AbsenceFactory(person=person, first_day=days(1), last_day=days(1), source="calendar")
    manual = AbsenceFactory(person=person, first_day=days(5), last_day=days(6))
    past = AbsenceFactory(person=person, first_day=days(-9), last_day=days(-8), source="calendar")

    count = services.calendar_absences_replace(
        feed=feed, periods=[(days(-2), days(2)), (days(6), days(8)), (days(20), days(21))]
    )

    assert count == 2
    rows = Absence.objects.filter(person=person).order_by("first_day")
    assert [(a.first_day, a.last_day, a.source) for a in rows] == [
        (past.first_day, past.last_day, "calendar"),  # history is left alone
        (days(0), days(2), "calendar"),  # from today on
        (manual.first_day, manual.last_day, "manual"),  # the overlapping period gave way
        (days(20), days(21), "calendar"),
    ]
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None
    assert feed.last_error == ""


def test_a_failed_reading_keeps_the_absences_and_records_the_error(person) -> None:  # type: ignore[no-untyped-def]
    feed = AbsenceFeed.objects.create(person=person, url="https://agenda.example.org/a.ics")
    kept = AbsenceFactory(person=person, first_day=days(1), last_day=days(1), source="calendar")

    services.calendar_absences_replace(feed=feed, periods=[], error="http-404")

    assert list(Absence.objects.all()) == [kept]
    feed.refresh_from_db()
    assert feed.last_error == "http-404"


def test_a_new_calendar_address_is_read_at_once_and_removing_it_removes_its_absences(  # type: ignore[no-untyped-def]
    person, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    day = days(3).strftime("%Y%m%d")
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        f"DTSTART;VALUE=DATE:{day}\r\nSUMMARY:Vrij\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    asked: list[str] = []
    monkeypatch.setattr(services.tasks.feed, "fetch", lambda url: asked.append(url) or ics)
    with django_capture_on_commit_callbacks(execute=True):
        feed = services.absence_feed_set(by=person, person=person, url=" https://x.example/a.ics ")

    assert feed is not None
    assert asked == ["https://x.example/a.ics"]
    assert Absence.objects.get(person=person, source="calendar").first_day == days(3)
    manual = AbsenceFactory(person=person, first_day=days(5), last_day=days(5))

    assert services.absence_feed_set(by=person, person=person, url="") is None

    assert not AbsenceFeed.objects.exists()
    assert list(Absence.objects.all()) == [manual]


def test_who_sees_and_who_changes_absences_agree(person, administrator) -> None:  # type: ignore[no-untyped-def]
    """The rule and the queryset filter agree for each kind of viewer and person."""
    gone = PersonFactory(is_active=False)
    colleague = PersonFactory()
    people = [person, colleague, gone]
    absences = {p.pk: AbsenceFactory(person=p) for p in people}
    for viewer in (person, administrator, PersonFactory(), AnonymousUser()):
        visible = set(visible_absences(viewer).values_list("pk", flat=True))
        for p in people:
            assert (absences[p.pk].pk in visible) == can_view_absences(viewer, p)
    assert can_view_absences(person, gone) is False
    assert can_view_absences(administrator, gone) is True
    assert [can_edit_absences(v, person) for v in (person, administrator, colleague)] == [
        True,
        True,
        False,
    ]


def test_a_calendar_address_must_be_a_web_address(person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.absence_feed_set(by=person, person=person, url="file:///etc/passwd")
    assert "url" in caught.value.error_dict
    assert not AbsenceFeed.objects.exists()
