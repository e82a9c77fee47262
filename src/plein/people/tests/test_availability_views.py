"""Absences on the pages: one's own list, the profile, the directory, the suggestions, a
manager's team; and the query counts of the lists."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from faker import Faker

from plein.people.availability.demo import absences_step
from plein.people.availability.models import next_working_day
from plein.people.availability.selectors import away_of, team_absences
from plein.people.models import Absence

from .factories import AbsenceFactory, PersonFactory

pytestmark = pytest.mark.django_db
MINE = reverse("people:absences")


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def test_one_adds_an_absence_without_javascript(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    assert client.get(MINE).status_code == 200

    response = client.post(
        MINE, {"first_day": days(1).isoformat(), "last_day": "", "note": "Tandarts"}
    )

    assert response.status_code == 302
    absence = Absence.objects.get(person=person)
    assert (absence.first_day, absence.last_day, absence.note) == (days(1), days(1), "Tandarts")


def test_a_refused_absence_shows_the_reason_and_keeps_what_was_typed(client, person) -> None:  # type: ignore[no-untyped-def]
    AbsenceFactory(person=person, first_day=days(1), last_day=days(3))
    client.force_login(person)

    response = client.post(
        MINE,
        {"first_day": days(2).isoformat(), "last_day": days(5).isoformat(), "note": "Zeilen"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is already an absence from" in html
    assert 'value="Zeilen"' in html
    assert Absence.objects.count() == 1


def test_changing_and_removing_an_absence(client, person) -> None:  # type: ignore[no-untyped-def]
    absence = AbsenceFactory(person=person, first_day=days(1), last_day=days(2))
    client.force_login(person)
    edit = reverse("people:absence_edit", args=[absence.pk])
    assert client.get(edit).status_code == 200

    response = client.post(
        edit, {"first_day": days(1).isoformat(), "last_day": days(4).isoformat(), "note": ""}
    )
    assert response.status_code == 302
    absence.refresh_from_db()
    assert absence.last_day == days(4)

    assert client.post(reverse("people:absence_delete", args=[absence.pk])).status_code == 302
    assert not Absence.objects.exists()


def test_colleagues_cannot_change_anothers_absences_but_administrators_can(  # type: ignore[no-untyped-def]
    client, person, administrator
) -> None:
    absence = AbsenceFactory(person=person)
    client.force_login(PersonFactory())
    assert client.get(reverse("people:absences_of", args=[person.pk])).status_code == 403
    assert client.get(reverse("people:absence_edit", args=[absence.pk])).status_code == 403
    assert client.post(reverse("people:absence_delete", args=[absence.pk])).status_code == 403
    assert Absence.objects.exists()

    client.force_login(administrator)
    assert client.get(reverse("people:absences_of", args=[person.pk])).status_code == 200


def test_the_calendar_address_is_checked_and_its_problem_shown(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    url = reverse("people:absence_feed")
    assert client.post(url, {"url": "ftp://x.example/a.ics"}).status_code == 400
    # Read after the commit, which a test never reaches: the error is set by hand below.
    assert client.post(url, {"url": "webcal://x.example/a.ics"}).status_code == 302
    person.absence_feed.last_error = "http-404"
    person.absence_feed.save()

    html = client.get(MINE).content.decode()
    assert "https://x.example/a.ics" in html
    assert "The calendar server answered with error 404." in html


def test_the_profile_says_until_when_someone_is_away_and_what_is_planned(client, person) -> None:  # type: ignore[no-untyped-def]
    away = PersonFactory()
    AbsenceFactory(person=away, first_day=days(-2), last_day=days(0), note="Griep")
    AbsenceFactory(person=away, first_day=days(20), last_day=days(21))
    client.force_login(person)

    html = client.get(reverse("people:profile", args=[away.pk])).content.decode()

    assert "Away until" in html
    assert f"back on {next_working_day(days(0)):%A}" in html
    assert "Griep" in html
    assert "Planned away:" in html
    assert reverse("people:absences_of", args=[away.pk]) not in html  # not theirs to change


def test_absences_in_a_row_read_as_one() -> None:
    person = PersonFactory()
    friday = timezone.localdate()
    AbsenceFactory(person=person, first_day=friday, last_day=friday, note="Ziek")
    AbsenceFactory(
        person=person,
        first_day=next_working_day(friday),
        last_day=next_working_day(friday) + timedelta(days=4),
        note="Vakantie",
    )

    away = away_of(person)

    assert away is not None
    assert away.last_day == next_working_day(friday) + timedelta(days=4)
    assert away.note == "Ziek · Vakantie"


def _measure(client, url: str, params: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
    client.get(url, params)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("url", "params", "shown"),
    [
        (reverse("people:directory"), {}, "Away until"),
        (reverse("people:picker"), {"q": "Afwezig"}, "Away until"),
        (reverse("posts:mention_suggestions"), {"q": "Afwezig"}, "Away until"),
    ],
)
def test_lists_show_who_is_away_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    client, person, url, params, shown
) -> None:
    client.force_login(person)

    def add_away(count: int) -> None:
        for _ in range(count):
            AbsenceFactory(person=PersonFactory(first_name="Afwezig"), last_day=days(3))

    add_away(1)
    few = _measure(client, url, params)
    add_away(6)

    assert _measure(client, url, params) == few
    assert client.get(url, params).content.decode().count(shown) >= 7


def test_a_manager_sees_the_direct_reports_away_per_working_day(client, person) -> None:  # type: ignore[no-untyped-def]
    report = PersonFactory(manager=person, first_name="Rapporteur")
    AbsenceFactory(person=report, first_day=days(1), last_day=days(2), note="Cursus")
    further = PersonFactory(manager=report)  # not a direct report
    AbsenceFactory(person=further, first_day=days(1), last_day=days(1))

    team, team_days = team_absences(person)

    assert team == [report]
    assert all(day.day.weekday() < 5 for day in team_days)
    away_days = {day.day for day in team_days if day.away}
    assert away_days == {d for d in (days(1), days(2)) if d.weekday() < 5}
    client.force_login(person)
    html = client.get(reverse("people:team")).content.decode()
    assert "Rapporteur" in html
    assert "Cursus" in html
    assert further.full_name not in html


def test_the_team_page_is_for_managers_only(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    assert client.get(reverse("people:team")).status_code == 403
    assert (
        reverse("people:team")
        not in client.get(reverse("people:profile", args=[person.pk])).content.decode()
    )


def test_the_demo_step_makes_people_away_now_and_later() -> None:
    PersonFactory.create_batch(30)
    out = io.StringIO()
    absences_step(rng=random.Random(1), fake=Faker("nl_NL"), people=30, stdout=OutputWrapper(out))

    today = timezone.localdate()
    assert Absence.objects.filter(first_day__lte=today, last_day__gte=today).count() >= 2
    assert Absence.objects.filter(first_day__gt=today).count() >= 2
    assert "absences:" in out.getvalue()
