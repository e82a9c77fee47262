"""Rules about events. Each rule is a function and, where lists need it, a queryset that agree.

Who sees an event (and may answer it, download it, find it in a calendar feed):
- an organisation-wide event (no space): every active person;
- an event in a space: whoever may read that space's content (spaces.permissions).
A deactivated person sees nothing.

Who creates: organisation-wide events need the permission events.manage_events (editors,
community managers); any current member may plan an event in a space.
Who manages (changes, cancels, sees the attendee list): the organiser, the one who made it, and
- for organisation-wide events, people with events.manage_events;
- for events in a space, the space's moderators and owners.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Event

User = Person | AnonymousUser
MANAGE_EVENTS = "events.manage_events"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_events(user: User) -> QuerySet[Event]:
    if not _active(user):
        return Event.objects.none()
    # A correlated EXISTS rather than IN (subquery), so that SQLite walks the index of the
    # moments asked for (upcoming: event_ends_idx) instead of every event of the visible spaces.
    readable = space_rules.spaces_with_visible_content(user).filter(pk=OuterRef("space_id"))
    return Event.objects.filter(Q(space__isnull=True) | Q(Exists(readable)))


def can_view_event(user: User, event: Event) -> bool:
    if not _active(user):
        return False
    return event.space is None or space_rules.can_view_space_content(user, event.space)


def can_manage_all_events(user: User) -> bool:
    return _active(user) and user.has_perm(MANAGE_EVENTS)


def can_create_event(user: User, space: Space | None = None) -> bool:
    if not _active(user):
        return False
    if space is None:
        return can_manage_all_events(user)
    return space_rules.is_member(user, space)


def can_create_any_event(user: User) -> bool:
    """Whether the "new event" button makes sense: organisation-wide or in one of their spaces."""
    return can_manage_all_events(user) or space_rules.my_spaces(user).exists()


def spaces_to_plan_in(user: User) -> QuerySet[Space]:
    """The spaces the user may plan an event in (agrees with can_create_event)."""
    return space_rules.my_spaces(user)


def can_manage_event(user: User, event: Event) -> bool:
    if not can_view_event(user, event):
        return False
    if user.pk in (event.organiser_id, event.created_by_id):
        return True
    if event.space is None:
        return can_manage_all_events(user)
    return space_rules.can_moderate(user, event.space)


def can_see_attendees(user: User, event: Event) -> bool:
    return can_manage_event(user, event)


def can_rsvp(user: User, event: Event) -> bool:
    """Answer while the event has not ended and is not cancelled."""
    return can_view_event(user, event) and not event.cancelled and event.ends_at > timezone.now()
