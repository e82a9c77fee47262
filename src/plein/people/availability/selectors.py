"""Reads about absences. A list of people gets its absences in one extra query (`with_absences`),
after which `away_of` and `coming_of` work on what was loaded, without a query per person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ..models import Absence, AbsenceFeed, Person
from ..permissions import User
from .permissions import can_edit_absences, can_view_team

LOADED = "upcoming_absences"  # the attribute with_absences() fills: absences not yet over
TEAM_DAYS = 14


@dataclass(frozen=True)
class Away:
    """Someone away now: until `last_day` (absences in a row joined), back on `returns_on`."""

    first_day: date
    last_day: date
    returns_on: date
    note: str


def with_absences(people: QuerySet[Person], *, today: date | None = None) -> QuerySet[Person]:
    """The people with their absences that are not over yet: one extra query for all of them."""
    today = today or timezone.localdate()
    return people.prefetch_related(
        Prefetch(
            "absences",
            queryset=Absence.objects.filter(last_day__gte=today).order_by("first_day", "pk"),
            to_attr=LOADED,
        )
    )


def _loaded(person: Person, today: date) -> list[Absence]:
    found: list[Absence] | None = getattr(person, LOADED, None)
    if found is None:  # not loaded with the list: one query for this person
        found = list(person.absences.filter(last_day__gte=today).order_by("first_day", "pk"))
        setattr(person, LOADED, found)
    return found


def away_of(person: Person, *, today: date | None = None) -> Away | None:
    """Whether the person is away today, and until when. An absence that starts before they
    would be back (sick on Friday, holiday from Monday) lengthens the one before."""
    today = today or timezone.localdate()
    away: Away | None = None
    for absence in _loaded(person, today):
        if away is None:
            if absence.covers(today):
                away = Away(absence.first_day, absence.last_day, absence.returns_on, absence.note)
        elif absence.first_day <= away.returns_on:
            if absence.last_day > away.last_day:
                note = " · ".join(n for n in (away.note, absence.note) if n)
                away = Away(away.first_day, absence.last_day, absence.returns_on, note)
        else:
            break
    return away


def coming_of(person: Person, *, today: date | None = None, limit: int = 3) -> list[Absence]:
    """The next absences that have not started yet."""
    today = today or timezone.localdate()
    return [absence for absence in _loaded(person, today) if absence.first_day > today][:limit]


def availability_context(user: User, person: Person) -> dict[str, object]:
    """What the profile shows about absences: away now, the coming ones, and the links."""
    return {
        "away": away_of(person),
        "coming_absences": coming_of(person),
        "can_edit_absences": can_edit_absences(user, person),
        "can_view_team": user.pk == person.pk and can_view_team(user),
    }


def absences_to_edit(person: Person) -> list[Absence]:
    """The person's own list: every absence not over yet, first first."""
    return list(person.absences.filter(last_day__gte=timezone.localdate()).order_by("first_day"))


def absence_feed_of(person: Person) -> AbsenceFeed | None:
    return AbsenceFeed.objects.filter(person=person).first()


@dataclass(frozen=True)
class TeamDay:
    day: date
    away: list[tuple[Person, Absence]]


def team_absences(
    manager: User, *, today: date | None = None
) -> tuple[list[Person], list[TeamDay]]:
    """The manager's active direct reports (with their absences loaded) and, for each working
    day of the coming TEAM_DAYS days, who of them is away. Two queries."""
    today = today or timezone.localdate()
    team = list(
        with_absences(
            Person.objects.filter(manager_id=manager.pk, is_active=True).select_related(
                "department"
            ),
            today=today,
        ).order_by("last_name", "first_name", "pk")
    )
    days = []
    for offset in range(TEAM_DAYS):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        away = [
            (person, absence)
            for person in team
            for absence in getattr(person, LOADED)
            if absence.covers(day)
        ]
        days.append(TeamDay(day, away))
    return team, days
