"""The visibility rule and its queryset agree for every kind of space and person."""

import pytest

from plein.events import permissions
from plein.events.tests.factories import EventFactory
from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

State = Membership.State


@pytest.mark.parametrize(
    ("kind", "relation", "expected"),
    [
        ("org", "none", True),
        ("org", "deactivated", False),
        ("open", "none", True),
        ("open", "member", True),
        ("open", "deactivated", False),
        ("closed", "none", False),
        ("closed", "requested", False),
        ("closed", "member", True),
        ("closed", "left", False),
        ("closed", "deactivated", False),
        ("secret", "none", False),
        ("secret", "invited", False),
        ("secret", "member", True),
        ("secret", "left", False),
        ("secret", "removed", False),
        ("secret", "deactivated", False),
    ],
)
def test_rule_and_queryset_agree(kind, relation, expected):  # type: ignore[no-untyped-def]
    space = None if kind == "org" else SpaceFactory(kind=kind)
    event = EventFactory(space=space)
    person = PersonFactory()
    if relation in ("member", "requested", "invited", "left", "removed"):
        MembershipFactory(space=space, person=person, state=relation)
    if relation == "deactivated":
        if space is not None:
            MembershipFactory(space=space, person=person)
        person.is_active = False
        person.save()
    assert permissions.can_view_event(person, event) is expected
    assert permissions.visible_events(person).filter(pk=event.pk).exists() is expected
    assert permissions.can_rsvp(person, event) is expected


def test_anonymous_sees_nothing():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    event = EventFactory()
    assert not permissions.can_view_event(AnonymousUser(), event)
    assert not permissions.visible_events(AnonymousUser()).exists()


def test_who_creates_and_manages():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="closed")
    member, moderator, outsider = PersonFactory(), PersonFactory(), PersonFactory()
    editor = PersonFactory(roles=["editor"])
    MembershipFactory(space=space, person=member)
    MembershipFactory(space=space, person=moderator, role="moderator")
    assert permissions.can_create_event(member, space)
    assert not permissions.can_create_event(outsider, space)
    assert not permissions.can_create_event(member, None)
    assert permissions.can_create_event(editor, None)
    assert not permissions.can_create_event(editor, space)

    event = EventFactory(space=space, organiser=member)
    assert permissions.can_manage_event(member, event)
    assert permissions.can_manage_event(moderator, event)
    assert not permissions.can_manage_event(outsider, event)
    assert not permissions.can_manage_event(editor, event)

    org_wide = EventFactory(space=None)
    assert permissions.can_manage_event(editor, org_wide)
    assert permissions.can_manage_event(org_wide.organiser, org_wide)
    assert not permissions.can_manage_event(member, org_wide)
    assert not permissions.can_see_attendees(member, org_wide)


def test_organiser_who_left_a_closed_space_no_longer_manages():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="closed")
    organiser = PersonFactory()
    membership = MembershipFactory(space=space, person=organiser)
    event = EventFactory(space=space, organiser=organiser)
    assert permissions.can_manage_event(organiser, event)
    membership.state = State.LEFT
    membership.save()
    assert not permissions.can_manage_event(organiser, event)


def test_cancelled_and_ended_events_take_no_answers(person):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    past = EventFactory(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    cancelled = EventFactory(cancelled_at=timezone.now())
    assert permissions.can_view_event(person, past)
    assert not permissions.can_rsvp(person, past)
    assert not permissions.can_rsvp(person, cancelled)
