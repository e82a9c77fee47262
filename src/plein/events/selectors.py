"""Reads for the agenda, built on the rules in permissions.py, with flat query counts."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from plein.core.queries import Unlikely
from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from . import permissions
from .models import RSVP, CalendarFeed, Event

State = RSVP.State
JOINED = (State.GOING, State.MAYBE, State.WAITLISTED)
FEED_HISTORY = timedelta(days=180)


def _with_my_answer(events: QuerySet[Event], user: Person) -> QuerySet[Event]:
    answer = RSVP.objects.filter(event=OuterRef("pk"), person_id=user.pk).order_by()
    return events.annotate(my_state=Subquery(answer.values("state")[:1]))


def agenda(
    user: Person,
    *,
    past: bool = False,
    category: str = "",
    mine: bool = False,
    space: Space | None = None,
) -> QuerySet[Event]:
    """The events the user may see: upcoming (not yet ended) soonest first, or past ones latest
    first; optionally one category, one space, or only the user's own (answered or organised)."""
    now = timezone.now()
    # (Not the organiser: no list shows them, and joining people before the LIMIT made
    # PostgreSQL read every person.)
    events = permissions.visible_events(user).select_related("space")
    if past:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        # NULLS FIRST (starts_at is never NULL) keeps PostgreSQL from walking event_starts_idx
        # from the first event ever to spare a sort; Unlikely does that for SQLite
        # (which would otherwise walk event_starts_idx; Unlikely makes it walk event_ends_idx).
        soonest = F("starts_at").asc(nulls_first=True)
        events = events.filter(Unlikely(Q(ends_at__gt=now))).order_by(soonest, "pk")
    if category:
        events = events.filter(category=category)
    if space is not None:
        events = events.filter(space=space)
    if mine:
        answered = RSVP.objects.filter(event=OuterRef("pk"), person_id=user.pk, state__in=JOINED)
        events = events.filter(Q(organiser_id=user.pk) | Exists(answered))
    return _with_my_answer(events, user)


def event_get(pk: int, user: Person) -> Event | None:
    """The event if the user may see it, with the user's answer (my_state)."""
    events = permissions.visible_events(user).select_related("space", "organiser", "created_by")
    return _with_my_answer(events, user).filter(pk=pk).first()


def decorate(events: list[Event], user: Person) -> list[Event]:
    """Set the permission flags each item shows, after loading the viewer's memberships once."""
    space_rules.memberships_preload(user, {event.space_id for event in events})
    for event in events:
        event.can_manage = permissions.can_manage_event(user, event)  # type: ignore[attr-defined]
        event.can_rsvp = permissions.can_rsvp(user, event)  # type: ignore[attr-defined]
    return events


def my_answer(event: Event, user: Person) -> RSVP | None:
    return RSVP.objects.filter(event=event, person_id=user.pk).first()


def waitlist_position(answer: RSVP | None) -> int | None:
    if answer is None or answer.state != State.WAITLISTED:
        return None
    ahead = RSVP.objects.filter(event_id=answer.event_id, state=State.WAITLISTED).filter(
        Q(waitlisted_at__lt=answer.waitlisted_at)
        | Q(waitlisted_at=answer.waitlisted_at, pk__lt=answer.pk)
    )
    return ahead.count() + 1


def attendees(event: Event) -> dict[str, list[RSVP]]:
    """Answers by state for the attendee list (organisers and moderators only); the waiting
    list in order of arrival."""
    rows = (
        RSVP.objects.filter(event=event, state__in=JOINED)
        .select_related("person", "person__department")
        .order_by("waitlisted_at", "person__first_name", "person__last_name", "pk")
    )
    grouped: dict[str, list[RSVP]] = {state: [] for state in JOINED}
    for row in rows:
        grouped[row.state].append(row)
    return grouped


def series_events(event: Event, user: Person) -> QuerySet[Event]:
    """The other upcoming occurrences of the event's series."""
    if event.series is None:
        return Event.objects.none()
    return (
        permissions.visible_events(user)
        .filter(series=event.series, ends_at__gt=timezone.now())
        .exclude(pk=event.pk)
        .order_by("starts_at")
    )


def feed_of(person: Person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token:
        return None
    return (
        CalendarFeed.objects.filter(token=token, person__is_active=True)
        .select_related("person")
        .first()
    )


def feed_events(person: Person) -> QuerySet[Event]:
    """What goes into a person's calendar feed: events they may see and said going or maybe to,
    or organise; from half a year back on. Cancelled ones stay in, marked cancelled, so that
    calendar apps take them out of the day."""
    answered = RSVP.objects.filter(
        event=OuterRef("pk"), person_id=person.pk, state__in=(State.GOING, State.MAYBE)
    )
    return (
        permissions.visible_events(person)
        .filter(Q(organiser_id=person.pk) | Exists(answered))
        .filter(ends_at__gt=timezone.now() - FEED_HISTORY)
        .select_related("space", "organiser")
        .order_by("starts_at", "pk")
    )
