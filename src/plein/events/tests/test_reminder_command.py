from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from plein.events.models import RSVP
from plein.events.tasks import reminder_schedule
from plein.events.tests.factories import EventFactory, RSVPFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_command_sends_due_reminders_once(settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.PLEIN_EVENT_REMINDER_HOURS = [24]
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=3), ends_at=now + timedelta(hours=4))
    answer = RSVPFactory(event=event)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-event-reminders", stdout=out)
        call_command("send-event-reminders", stdout=out)
    assert "Event reminders: 1 queued." in out.getvalue()
    assert "Event reminders: 0 queued." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[answer.person.email]]
    assert event.title in mail.outbox[0].body
    assert RSVP.objects.get(pk=answer.pk).reminded_at is not None


def test_schedule_needs_a_backend_that_can_wait():  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError):
        call_command("schedule", stdout=StringIO())


def test_schedule_is_queued_once_and_requeued_after_each_run(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    out = StringIO()
    call_command("schedule", stdout=out)
    call_command("schedule", stdout=out)
    waiting = DBTaskResult.objects.filter(task_path=reminder_schedule.module_path)
    assert waiting.count() == 1
    assert "event-reminders: already queued" in out.getvalue()
    first = waiting.get()
    assert first.run_after > datetime.now(tz=first.run_after.tzinfo)
    assert first.run_after <= timezone.now() + timedelta(minutes=15)
    first.status = "RUNNING"
    first.save()
    assert reminder_schedule.call() == 0
    for _run in range(2):
        task_finished.send(sender=None, task_result=first.task_result)
        assert waiting.filter(status="READY").count() == 1
