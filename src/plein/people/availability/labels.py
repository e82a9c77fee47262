"""How an absence is said: short on cards and in suggestions, in full on the profile."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Person
from .selectors import Away, away_of


def short_day(day: date, today: date | None = None) -> str:
    """ "12 Dec" ("12 Dec 2027" in another year)."""
    today = today or timezone.localdate()
    return date_format(day, "j M" if day.year == today.year else "j M Y")


def long_day(day: date, today: date | None = None) -> str:
    """ "Friday 12 December" ("Friday 12 December 2027" in another year)."""
    today = today or timezone.localdate()
    return date_format(day, "l j F" if day.year == today.year else "l j F Y")


def away_short(away: Away, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if away.last_day == today:
        return _("Away today")
    return _("Away until %(day)s") % {"day": short_day(away.last_day, today)}


def away_long(away: Away, today: date | None = None) -> str:
    today = today or timezone.localdate()
    return _("Away until %(last)s, back on %(back)s") % {
        "last": long_day(away.last_day, today),
        "back": long_day(away.returns_on, today),
    }


def away_detail(person: Person, detail: str) -> str:
    """A suggestion's detail line with "Away until …" added when the person is away today."""
    away = away_of(person)
    if away is None:
        return detail
    return " · ".join(part for part in (away_short(away), detail) if part)
