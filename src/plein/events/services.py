"""The one write path for the agenda: events, answers (RSVPs), the waiting list, reminders and
calendar feed tokens.

Recurring events are stored as one row per occurrence sharing a `series` id (see models.py).
Occurrences are worked out in local time (Europe/Amsterdam), so a weekly 09:00 meeting stays at
09:00 across the change to and from summer time.
"""

from __future__ import annotations

import calendar
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.mail import Email, in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.registries import events as event_bus
from plein.core.registries import search, usage
from plein.core.selectors import branding_get
from plein.people.models import Person
from plein.posts import markup
from plein.spaces.models import Space

from . import permissions
from .models import RSVP, CalendarFeed, Event

State = RSVP.State
Recurrence = Event.Recurrence
MAX_OCCURRENCES = 100
REMINDER_STATES = (State.GOING,)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def reminder_hours() -> list[int]:
    return list(settings.PLEIN_EVENT_REMINDER_HOURS)


def render_description(text: str) -> str:
    """Markdown to safe HTML; @mentions and #hashtags stay plain text in events."""
    return markup.render(text, lambda name: None).html if text.strip() else ""


# Recurrence --------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date | None:
    """The same day of the month `months` later, or None when that month is too short."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day > calendar.monthrange(year, month)[1]:
        return None
    return day.replace(year=year, month=month)


def occurrences(
    starts_at: datetime,
    recurrence: str,
    *,
    until: date | None = None,
    count: int | None = None,
) -> list[datetime]:
    """The start of each occurrence (the first included), in local wall-clock time, until the
    `until` date (inclusive) or `count` times, at most MAX_OCCURRENCES. Monthly on the 31st skips
    months without one (as iCalendar does)."""
    first = timezone.localtime(starts_at, local_zone())
    if not recurrence:
        return [first]
    limit = min(count or MAX_OCCURRENCES, MAX_OCCURRENCES)
    found: list[datetime] = []
    step = 0
    while len(found) < limit and step < MAX_OCCURRENCES * 2:
        if recurrence == Recurrence.MONTHLY:
            day = _add_months(first.date(), step)
        else:
            days = step if recurrence == Recurrence.DAILY else step * 7
            day = first.date() + timedelta(days=days)
        step += 1
        if day is None:
            continue
        if until is not None and day > until:
            break
        found.append(datetime.combine(day, first.time(), tzinfo=local_zone()))
    return found


# Events ------------------------------------------------------------------------------------


@dataclass
class EventData:
    title: str
    description: str
    category: str
    location: str
    online_url: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool = False
    capacity: int | None = None


def _check(data: EventData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the event a title.")
    if not data.location.strip() and not data.online_url.strip():
        errors["location"] = _("Say where it is: a place, an online meeting link, or both.")
    if data.ends_at <= data.starts_at:
        errors["end_date"] = _("The end must be after the start.")
    if data.category not in Event.Category.values:
        errors["category"] = _("Choose a category.")
    if errors:
        raise ValidationError(errors)


def _apply(event: Event, data: EventData) -> None:
    event.title = " ".join(data.title.split())
    event.description = data.description.strip()
    event.description_html = render_description(event.description)
    event.category = data.category
    event.location = data.location.strip()
    event.online_url = data.online_url.strip()
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.all_day = data.all_day
    event.capacity = data.capacity


@transaction.atomic
def event_create(
    *,
    creator: Person,
    data: EventData,
    space: Space | None = None,
    recurrence: str = "",
    until: date | None = None,
    count: int | None = None,
) -> list[Event]:
    """Plan an event; a recurring one gives one event per occurrence (first one first)."""
    _require(permissions.can_create_event(creator, space))
    _check(data)
    if recurrence not in Recurrence.values:
        raise ValidationError({"recurrence": _("Choose how often it repeats.")})
    if recurrence and until is None and count is None:
        raise ValidationError({"repeat_until": _("Say until when it repeats, or how many times.")})
    if recurrence and until is not None and until < timezone.localdate(data.starts_at):
        raise ValidationError({"repeat_until": _("The last date must be after the first one.")})
    starts = occurrences(data.starts_at, recurrence, until=until, count=count)
    duration = data.ends_at - data.starts_at
    series = uuid.uuid4() if len(starts) > 1 else None
    events = []
    for start in starts:
        event = Event(
            space=space,
            organiser=creator,
            created_by=creator,
            series=series,
            recurrence=recurrence if series else "",
        )
        # Keep the local wall-clock duration (an all-day event ends at midnight).
        end = (start.replace(tzinfo=None) + duration).replace(tzinfo=local_zone())
        _apply(event, EventData(**{**data.__dict__, "starts_at": start, "ends_at": end}))
        events.append(event)
    created = Event.objects.bulk_create(events)
    for event in created:
        search.index("event", event)
    event_bus.emit(
        *(event_bus.Event(event_bus.EVENT_CREATED, e.pk, creator.pk, e.space_id) for e in created)
    )
    return created


@transaction.atomic
def event_update(*, event: Event, editor: Person, data: EventData) -> Event:
    """Change one event (one occurrence of a series). A larger capacity lets people in from
    the waiting list."""
    _require(permissions.can_manage_event(editor, event))
    _check(data)
    event = Event.objects.select_for_update().get(pk=event.pk)
    _apply(event, data)
    event.save()
    _promote(event)
    _count(event)
    search.index("event", event)
    event_bus.emit(event_bus.Event(event_bus.EVENT_UPDATED, event.pk, editor.pk, event.space_id))
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: Person, whole_series: bool = False) -> list[Event]:
    """Cancel the event (or it and the later occurrences of its series) and tell those who
    said they would come. Cancelled events stay visible, marked as cancelled."""
    _require(permissions.can_manage_event(by, event))
    now = timezone.now()
    rows = Event.objects.filter(pk=event.pk)
    if whole_series and event.series:
        rows = Event.objects.filter(series=event.series, starts_at__gte=event.starts_at)
    cancelled = list(rows.filter(cancelled_at__isnull=True).select_for_update())
    Event.objects.filter(pk__in=[e.pk for e in cancelled]).update(cancelled_at=now)
    answers = list(
        RSVP.objects.filter(
            event__in=cancelled,
            state__in=(State.GOING, State.MAYBE, State.WAITLISTED),
            event__ends_at__gt=now,
        ).select_related("person", "event", "event__space")
    )
    for answer in answers:
        answer.event.cancelled_at = now
        _mail_later(answer.person, answer.event, "cancelled")
    for item in cancelled:
        item.cancelled_at = now
        search.index("event", item)
    event_bus.emit(
        *(event_bus.Event(event_bus.EVENT_UPDATED, e.pk, by.pk, e.space_id) for e in cancelled)
    )
    return cancelled


# Answers and the waiting list --------------------------------------------------------------


def _count(event: Event) -> None:
    counts = dict(
        RSVP.objects.filter(event=event).values_list("state").annotate(n=Count("pk")).order_by()
    )
    event.going_count = counts.get(State.GOING, 0)
    event.maybe_count = counts.get(State.MAYBE, 0)
    event.waitlist_count = counts.get(State.WAITLISTED, 0)
    Event.objects.filter(pk=event.pk).update(
        going_count=event.going_count,
        maybe_count=event.maybe_count,
        waitlist_count=event.waitlist_count,
    )


def _going(event: Event) -> int:
    return RSVP.objects.filter(event=event, state=State.GOING).count()


def _promote(event: Event) -> list[RSVP]:
    """Move people up from the waiting list while there are places; each gets an e-mail."""
    if event.cancelled or event.ends_at <= timezone.now():
        return []
    waiting = RSVP.objects.filter(event=event, state=State.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    free = None if event.capacity is None else event.capacity - _going(event)
    waiting = waiting.select_related("person")
    moved = list(waiting if free is None else waiting[: max(free, 0)])
    for answer in moved:
        answer.state = State.GOING
        answer.waitlisted_at = None
        answer.save(update_fields=["state", "waitlisted_at", "updated_at"])
        _mail_later(answer.person, event, "promoted")
    return moved


@transaction.atomic
def rsvp_set(*, event: Event, person: Person, state: str) -> RSVP:
    """Answer going, maybe or not. Going to a full event puts you on the waiting list (or keeps
    your place on it); when someone going changes their mind, the first waiting moves up."""
    _require(permissions.can_view_event(person, event))
    if state not in (State.GOING, State.MAYBE, State.NOT_GOING):
        raise ValidationError(_("Choose going, maybe or not going."))
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    if not permissions.can_rsvp(person, event):
        raise ValidationError(_("This event is cancelled or over; answers are closed."))
    answer = RSVP.objects.filter(event=event, person=person).first()
    before = answer.state if answer else None
    if answer is None:
        answer = RSVP(event=event, person=person)
    if state == State.GOING and before in (State.GOING, State.WAITLISTED):
        return answer
    if state == State.GOING and event.capacity is not None and _going(event) >= event.capacity:
        answer.state = State.WAITLISTED
        answer.waitlisted_at = timezone.now()
    else:
        answer.state = state
        answer.waitlisted_at = None
    answer.save()
    usage.record(person, usage.Kind.RSVP, subject="events", object_id=event.pk)
    if before == State.GOING and answer.state != State.GOING:
        _promote(event)
    _count(event)
    return answer


# E-mail ------------------------------------------------------------------------------------


def _subject(kind: str, event: Event) -> str:
    subjects = {
        "promoted": _("You have a place: %(title)s"),
        "cancelled": _("Cancelled: %(title)s"),
        "reminder": _("Reminder: %(title)s"),
    }
    return subjects[kind] % {"title": event.title}


def _headline(kind: str) -> str:
    headlines = {
        "promoted": _("A place came free: you were first on the waiting list and are now going."),
        "cancelled": _("This event has been cancelled."),
        "reminder": _("A reminder: you said you would come to this event."),
    }
    return headlines[kind]


def event_email(person: Person, event: Event, kind: str) -> Email:
    """The e-mail about an event (text and HTML), in the person's language."""
    with in_language_of(person):
        context = {
            "person": person,
            "event": event,
            "headline": _headline(kind),
            "link": absolute_url(event.get_absolute_url()),
            "site_name": branding_get().intranet_name,
            "time_zone": settings.TIME_ZONE,
        }
        return render_email(
            subject=_subject(kind, event),
            text="events/email/event.txt",
            html="events/email/event.html",
            context=context,
        )


def _mail_later(person: Person, event: Event, kind: str) -> None:
    if not (person.is_active and person.email):
        return
    event_email(person, event, kind).enqueue_on_commit(to=[person.email])


# Reminders ---------------------------------------------------------------------------------


def reminders_due(*, now: datetime | None = None) -> list[RSVP]:
    """Answers to remind now: going to an event that starts within one of the reminder hours,
    and not reminded since that moment came."""
    now = now or timezone.now()
    hours = sorted(reminder_hours())
    if not hours:
        return []
    candidates = (
        RSVP.objects.filter(
            state__in=REMINDER_STATES,
            event__cancelled_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=hours[-1]),
            person__is_active=True,
        )
        .select_related("person", "event", "event__space")
        .order_by("event__starts_at", "pk")
    )
    due = []
    for answer in candidates:
        moments = [answer.event.starts_at - timedelta(hours=h) for h in hours]
        latest = max((m for m in moments if m <= now), default=None)
        if latest is None:
            continue
        if answer.reminded_at is not None and answer.reminded_at >= latest:
            continue
        if not permissions.can_view_event(answer.person, answer.event):
            continue
        due.append(answer)
    return due


def reminders_send(*, now: datetime | None = None) -> int:
    """Queue the reminder e-mails that are due; each answer is reminded once per reminder hour
    (reminded_at), so running this often is safe. Returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    for answer in reminders_due(now=now):
        with transaction.atomic():
            claimed = RSVP.objects.filter(pk=answer.pk, reminded_at=answer.reminded_at).update(
                reminded_at=now
            )
            if claimed:
                _mail_later(answer.person, answer.event, "reminder")
                sent += claimed
    return sent


REMINDER_INTERVAL = timedelta(minutes=15)


def next_reminder_run(now: datetime) -> datetime:
    """The reminders are sent every 15 minutes: the next run is 15 minutes after `now`."""
    return now + REMINDER_INTERVAL


# Calendar feed -----------------------------------------------------------------------------


def calendar_feed_get_or_create(*, person: Person) -> CalendarFeed:
    _require(person.is_active)
    feed, _created = CalendarFeed.objects.get_or_create(
        person=person, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def calendar_feed_renew(*, person: Person) -> CalendarFeed:
    """Revoke the old address (it stops working at once) and make a new one."""
    _require(person.is_active)
    feed, _created = CalendarFeed.objects.update_or_create(
        person=person,
        defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
    )
    return feed


def calendar_feed_delete(*, person: Person) -> None:
    CalendarFeed.objects.filter(person=person).delete()


def events_counters_refresh(*, event_ids: Sequence[int] | None = None) -> None:
    """Recount going/maybe/waiting for events written in bulk (demo, benchmarks)."""
    rows = Event.objects.all() if event_ids is None else Event.objects.filter(pk__in=event_ids)
    counted = rows.annotate(
        going=Count("rsvps", filter=Q(rsvps__state=State.GOING)),
        maybe=Count("rsvps", filter=Q(rsvps__state=State.MAYBE)),
        waiting=Count("rsvps", filter=Q(rsvps__state=State.WAITLISTED)),
    )
    changed = []
    for event in counted:
        event.going_count, event.maybe_count = event.going, event.maybe  # type: ignore[attr-defined]
        event.waitlist_count = event.waiting  # type: ignore[attr-defined]
        changed.append(event)
    Event.objects.bulk_update(
        changed, ["going_count", "maybe_count", "waitlist_count"], batch_size=500
    )
