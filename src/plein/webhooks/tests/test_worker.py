"""With the database task queue (as in production): a retry and a news item planned ahead wait
in the queue until their moment (`run_after`), and the overdue-messages job picks up the rest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plein.core.registries.events import NEWS_PUBLISHED, POST_CREATED, Event
from plein.people.tests.factories import PersonFactory
from plein.posts.services import post_create
from plein.spaces.tests.factories import MembershipFactory

from .. import services, tasks
from ..models import Delivery
from .conftest import make_webhook

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _waiting(task) -> list[DBTaskResult]:  # type: ignore[no-untyped-def]
    return list(DBTaskResult.objects.filter(task_path=task.module_path))


def test_a_retry_waits_in_the_queue_until_its_moment(  # type: ignore[no-untyped-def]
    settings, administrator, receiver, open_space, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    receiver.reset(status=500)
    make_webhook(administrator, receiver.url, [POST_CREATED])
    member = PersonFactory()
    MembershipFactory(space=open_space, person=member)
    post = post_create(author=member, space=open_space, body="Hallo")
    [delivery] = services.events_receive(events=[Event(POST_CREATED, post.pk)])
    with django_capture_on_commit_callbacks(execute=True):
        attempted = services.delivery_attempt(delivery_id=delivery.pk)
    assert attempted is not None and attempted.status == Delivery.Status.PENDING
    [retry] = _waiting(tasks.deliver)
    assert retry.run_after == attempted.next_attempt_at
    assert retry.args_kwargs["args"] == [delivery.pk]


def test_news_planned_ahead_is_received_at_its_moment(settings, administrator, receiver):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    make_webhook(administrator, receiver.url, [NEWS_PUBLISHED])
    moment = timezone.now() + timedelta(hours=5)
    tasks.listen([Event(NEWS_PUBLISHED, 41, at=moment), Event(NEWS_PUBLISHED, 42)])
    by_id = {
        row.args_kwargs["args"][0][0]["object_id"]: row for row in _waiting(tasks.events_receive)
    }
    assert set(by_id) == {41, 42}
    assert by_id[41].run_after == moment
    assert by_id[42].run_after != moment  # at once


def test_overdue_messages_are_queued_again(settings, administrator, receiver):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    now = timezone.now()
    for name, due in (("late", now - timedelta(minutes=6)), ("soon", now - timedelta(minutes=1))):
        Delivery.objects.create(
            webhook=webhook,
            event_type=POST_CREATED,
            message_id=name,
            payload={},
            next_attempt_at=due,
        )
    assert services.deliveries_send_due(now=now) == 1
    [queued] = _waiting(tasks.deliver)
    assert queued.args_kwargs["args"] == [Delivery.objects.get(message_id="late").pk]
