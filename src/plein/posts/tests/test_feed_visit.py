"""The home stream's visits: read during the request, written after it (feed_visit_save)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.posts import services
from plein.posts.models import FeedVisit

pytestmark = pytest.mark.django_db


def test_outside_a_request_the_look_is_written_at_once(person) -> None:
    assert services.feed_visit_record(person=person) is None  # a first visit: nothing is new
    first = FeedVisit.objects.get(person=person)
    assert first.since is None
    # A look within the gap continues the visit; after it, the marker moves to its end.
    assert services.feed_visit_record(person=person) is None
    FeedVisit.objects.filter(pk=first.pk).update(seen_at=timezone.now() - timedelta(hours=1))
    ended = FeedVisit.objects.get(pk=first.pk).seen_at
    assert services.feed_visit_record(person=person) == ended
    assert FeedVisit.objects.get(pk=first.pk).since == ended


def test_a_look_written_late_does_not_undo_a_later_one(person) -> None:
    now = timezone.now()
    services.feed_visit_save(person=person, seen_at=now)
    services.feed_visit_save(person=person, seen_at=now - timedelta(hours=2))
    visit = FeedVisit.objects.get(person=person)
    assert (visit.seen_at, visit.since) == (now, None)
    later = now + timedelta(hours=1)
    services.feed_visit_save(person=person, seen_at=later)
    visit.refresh_from_db()
    assert (visit.seen_at, visit.since) == (later, now)
