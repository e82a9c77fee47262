"""What the notifications read from the registries that higher apps fill (plein.core.registries)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from plein.core.registries.digest import DIGEST_SECTIONS, DigestSection
from plein.core.registries.notification_targets import NOTIFICATION_TARGETS
from plein.core.registries.spaces import (
    SPACE_LISTENERS,
    SpaceEvent,
    SpaceEventKind,
    SpaceListener,
)
from plein.notifications import services
from plein.notifications.models import Notification, NotificationSettings
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import PostFactory
from plein.spaces import services as space_services
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

MONDAY = datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
pytestmark = pytest.mark.django_db


def test_the_apps_above_fill_the_registries() -> None:
    assert NOTIFICATION_TARGETS.get("post") is not None
    assert [section.key for section in DIGEST_SECTIONS.all()] == ["popular", "tip"]
    assert "notifications" in SPACE_LISTENERS


def test_a_registered_digest_section_comes_in_its_order(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory(language="en")
    NotificationSettings.objects.create(person=reader, digest="daily")
    Notification.objects.create(
        recipient=reader,
        kind=Notification.Kind.COMMENT,
        post=PostFactory(author=reader),
        created_at=MONDAY - timedelta(hours=1),
    )
    seen = []

    def context(person, *, since, now, previous_digest_at):  # type: ignore[no-untyped-def]
        seen.append((person, since, now))
        return {"tip": {"title": "Extra title", "text": "Extra text"}}

    extra = DigestSection(
        key="extra", order=5, context=context, template="onboarding/email/digest_tip", news=False
    )
    with DIGEST_SECTIONS.registered(extra), django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    assert seen == [(reader, MONDAY - timedelta(days=1), MONDAY)]
    body, html = mail.outbox[0].body, mail.outbox[0].alternatives[0][0]  # type: ignore[attr-defined]
    assert body.index("unread notification") < body.index("Extra title") < body.index("--")
    assert "<strong>Extra title</strong><br>Extra text</p>" in html
    assert "extra" not in DIGEST_SECTIONS


def test_a_section_that_is_not_news_sends_no_digest_alone(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    NotificationSettings.objects.create(person=reader, digest="daily")
    extra = DigestSection(
        key="extra",
        order=5,
        context=lambda person, **moment: {"tip": {"title": "T", "text": "X"}},
        template="onboarding/email/digest_tip",
        news=False,
    )
    with DIGEST_SECTIONS.registered(extra), django_capture_on_commit_callbacks(execute=True):
        assert not services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    assert mail.outbox == []


def test_membership_events_reach_every_listener_after_commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    asker = PersonFactory()
    heard: list[SpaceEvent] = []
    spy = SpaceListener(key="spy", order=99, heard=heard.append)
    with SPACE_LISTENERS.registered(spy):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            space_services.space_request_membership(space=space, person=asker)
        assert heard == []
        for callback in callbacks:
            callback()
    assert heard == [SpaceEvent(SpaceEventKind.REQUESTED, space_id=space.pk, person_id=asker.pk)]
    assert Notification.objects.filter(
        recipient=moderator, actor=asker, kind=Notification.Kind.SPACE_REQUEST
    ).exists()
