"""The write path for absences and absence calendars."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plein.core.permissions import require

from ..models import Absence, AbsenceFeed, Person
from . import tasks
from .feed import web_address
from .models import NOTE_MAX
from .permissions import can_edit_absences

MAX_DAYS = 366
ERROR_MAX = 500


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _clean_note(note: str) -> str:
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("Keep the note to %(max)s characters.") % {"max": NOTE_MAX}}
        )
    return note


def _check_days(first_day: date, last_day: date, back_on: date | None) -> None:
    if last_day < first_day:
        raise ValidationError({"last_day": _("The last day cannot be before the first day.")})
    if last_day < timezone.localdate():
        raise ValidationError(
            {"last_day": _("This absence is over already: only current and coming ones count.")}
        )
    if (last_day - first_day).days >= MAX_DAYS:
        raise ValidationError(
            {"last_day": _("An absence can last a year at most. Split a longer one in parts.")}
        )
    if back_on is not None and back_on <= last_day:
        raise ValidationError({"back_on": _("You are back after your last day away.")})


def _overlapping(person: Person, first_day: date, last_day: date) -> Iterable[Absence]:
    return Absence.objects.filter(person=person, first_day__lte=last_day, last_day__gte=first_day)


def _check_overlap(person: Person, first_day: date, last_day: date, pk: int | None) -> None:
    """Another absence set by hand on these days is an error; calendar ones give way."""
    for other in _overlapping(person, first_day, last_day):
        if other.pk == pk:
            continue
        if other.source == Absence.Source.MANUAL:
            raise ValidationError(
                _(
                    "There is already an absence from %(first)s to %(last)s. Change that one, "
                    "or choose other days."
                )
                % {"first": _day(other.first_day), "last": _day(other.last_day)},
                code="overlap",
            )
        other.delete()


def _lock(person: Person) -> None:
    # One change at a time per person, so two requests cannot both pass the overlap check.
    Person.objects.select_for_update().filter(pk=person.pk).first()


@transaction.atomic
def absence_create(
    *,
    by: Person,
    person: Person,
    first_day: date,
    last_day: date,
    note: str = "",
    back_on: date | None = None,
) -> Absence:
    """Set an absence by hand. Calendar absences on the same days give way to it."""
    require(can_edit_absences(by, person))
    note = _clean_note(note)
    _check_days(first_day, last_day, back_on)
    _lock(person)
    _check_overlap(person, first_day, last_day, None)
    return Absence.objects.create(
        person=person, first_day=first_day, last_day=last_day, note=note, back_on=back_on
    )


@transaction.atomic
def absence_update(
    *,
    by: Person,
    absence: Absence,
    first_day: date,
    last_day: date,
    note: str = "",
    back_on: date | None = None,
) -> Absence:
    """Change an absence; one from the calendar becomes one set by hand (the feed leaves it)."""
    require(can_edit_absences(by, absence.person))
    note = _clean_note(note)
    _check_days(first_day, last_day, back_on)
    _lock(absence.person)
    _check_overlap(absence.person, first_day, last_day, absence.pk)
    absence.first_day, absence.last_day = first_day, last_day
    absence.note, absence.back_on = note, back_on
    absence.source = Absence.Source.MANUAL
    absence.save()
    return absence


@transaction.atomic
def absence_delete(*, by: Person, absence: Absence) -> None:
    require(can_edit_absences(by, absence.person))
    absence.delete()


@transaction.atomic
def absence_feed_set(*, by: Person, person: Person, url: str) -> AbsenceFeed | None:
    """Set (or with an empty url remove) the person's calendar address. A new address is read
    right after the change is saved; removing it removes the absences it gave."""
    require(can_edit_absences(by, person))
    url = web_address(url)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise ValidationError(
                {"url": _("Enter the web address (http or https) of your calendar.")}
            ) from error
    feed = AbsenceFeed.objects.filter(person=person).first()
    if not url:
        if feed is not None:
            feed.delete()
            Absence.objects.filter(person=person, source=Absence.Source.CALENDAR).delete()
        return None
    if feed is not None and feed.url == url:
        return feed
    if feed is None:
        feed = AbsenceFeed(person=person)
    feed.url, feed.last_fetched_at, feed.last_error = url, None, ""
    feed.save()
    feed_id = feed.pk
    transaction.on_commit(lambda: tasks.absence_feed_read.enqueue(feed_id))
    return feed


@transaction.atomic
def calendar_absences_replace(
    *, feed: AbsenceFeed, periods: Iterable[tuple[date, date]], error: str = ""
) -> int:
    """Record a reading of the feed. Without an error, its periods (from today on) replace the
    person's earlier calendar absences; days already covered by a manual absence are left to
    it. Returns the number of calendar absences now set."""
    feed.last_fetched_at = timezone.now()
    feed.last_error = error[:ERROR_MAX]
    feed.save(update_fields=["last_fetched_at", "last_error"])
    if error:
        return 0
    person = feed.person
    _lock(person)
    today = timezone.localdate()
    Absence.objects.filter(
        person=person, source=Absence.Source.CALENDAR, last_day__gte=today
    ).delete()
    manual = list(
        Absence.objects.filter(person=person, source=Absence.Source.MANUAL, last_day__gte=today)
    )
    new = []
    for first_day, last_day in periods:
        first_day = max(first_day, today)
        if last_day < first_day or (last_day - first_day).days >= MAX_DAYS:
            continue
        if any(m.first_day <= last_day and m.last_day >= first_day for m in manual):
            continue
        new.append(
            Absence(
                person=person,
                first_day=first_day,
                last_day=last_day,
                source=Absence.Source.CALENDAR,
            )
        )
    Absence.objects.bulk_create(new)
    return len(new)
