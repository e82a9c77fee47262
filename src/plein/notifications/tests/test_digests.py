from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from plein.notifications import services, tasks
from plein.notifications.models import Notification, NotificationSettings
from plein.notifications.tasks import digest_schedule, send_digest
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

Kind = Notification.Kind
AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = datetime(2026, 11, 23, 7, 0, tzinfo=AMS)
TUESDAY = MONDAY + timedelta(days=1)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
pytestmark = pytest.mark.django_db


def notify(person, *, post=None, space=None, kind=Kind.COMMENT, at=MONDAY - timedelta(hours=2)):  # type: ignore[no-untyped-def]
    post = post or PostFactory(author=person)
    return Notification.objects.create(
        recipient=person, actor=PersonFactory(), kind=kind, post=post, space=space, created_at=at
    )


def daily(person) -> NotificationSettings:  # type: ignore[no-untyped-def]
    return NotificationSettings.objects.create(person=person, digest="daily")


def test_digest_lists_unread_notifications_once_per_period(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory(language="en")
    daily(reader)
    n = notify(reader)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert "You have 1 unread notification" in message.body
    assert f"/notifications/{n.pk}/open/" in message.body
    assert "/notifications/settings/" in message.body
    # Enqueued twice (or run again later that day): nothing more.
    notify(reader, at=MONDAY + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.digest_send(
            person_id=reader.pk, frequency="daily", now=MONDAY + timedelta(hours=3)
        )
    assert len(mail.outbox) == 1
    # The next day only what is new since the last digest.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send(person_id=reader.pk, frequency="daily", now=TUESDAY)
    assert len(mail.outbox) == 1
    assert "You have 1 unread notification" in mail.outbox[0].body
    assert f"/notifications/{n.pk}/open/" not in mail.outbox[0].body


def test_digest_task_enqueued_twice_sends_once(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    daily(reader)
    notify(reader, at=datetime.now(tz=AMS) - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        first = send_digest.enqueue(reader.pk, "daily")
        second = send_digest.enqueue(reader.pk, "daily")
    assert (first.return_value, second.return_value) == (True, False)
    assert len(mail.outbox) == 1


def test_weekly_digest_is_not_sent_twice_in_a_week(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    notify(reader)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(person_id=reader.pk, frequency="weekly", now=MONDAY)
        notify(reader, at=MONDAY + timedelta(hours=1))
        assert not services.digest_send(
            person_id=reader.pk, frequency="weekly", now=MONDAY + timedelta(days=6)
        )
        assert services.digest_send(
            person_id=reader.pk, frequency="weekly", now=MONDAY + timedelta(days=7)
        )
    assert len(mail.outbox) == 2


def test_digest_skipped_when_there_is_nothing(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    daily(reader)
    read = notify(reader)
    read.read_at = MONDAY
    read.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    assert mail.outbox == []


def test_digest_hides_content_the_person_lost_access_to(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.CLOSED, name="Directie")
    reader = MembershipFactory(space=space).person
    daily(reader)
    secret_post = PostFactory(
        space=space, author=MembershipFactory(space=space).person, body="Reorganisatie"
    )
    secret_post.created_at = MONDAY - timedelta(hours=3)
    secret_post.save()
    ReactionFactory(post=secret_post)
    notify(reader, post=secret_post, space=space, kind=Kind.MENTION)
    Membership.objects.filter(space=space, person=reader).update(state=Membership.State.LEFT)
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    assert mail.outbox == []


def test_digest_shows_popular_posts_from_the_persons_spaces(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Kantine")
    reader = MembershipFactory(space=space).person
    author = MembershipFactory(space=space).person
    daily(reader)
    popular = PostFactory(space=space, author=author, body="Taart in de kantine")
    quiet = PostFactory(space=space, author=author, body="Stil bericht")
    elsewhere = PostFactory(space=SpaceFactory(), body="Elders populair")
    for post in (popular, quiet, elsewhere):
        post.created_at = MONDAY - timedelta(hours=5)
        post.save()
    CommentFactory(post=popular)
    ReactionFactory(post=popular)
    ReactionFactory(post=elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(person_id=reader.pk, frequency="daily", now=MONDAY)
    body = mail.outbox[0].body
    assert "Taart in de kantine" in body
    assert "Stil bericht" not in body and "Elders populair" not in body
    assert "unread notification" not in body


def test_no_digest_for_deactivated_people_or_other_frequency(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    gone = PersonFactory(is_active=False)
    notify(gone)
    never = PersonFactory()
    NotificationSettings.objects.create(person=never, digest="never")
    notify(never)
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.digest_send(person_id=gone.pk, frequency="weekly", now=MONDAY)
        assert not services.digest_send(person_id=never.pk, frequency="weekly", now=MONDAY)
    assert mail.outbox == []


def test_recipients_due():  # type: ignore[no-untyped-def]
    default_weekly = PersonFactory()
    day = PersonFactory()
    daily(day)
    done_today = PersonFactory()
    NotificationSettings.objects.create(person=done_today, digest="daily", last_digest_at=MONDAY)
    PersonFactory(is_active=False)
    NotificationSettings.objects.create(person=PersonFactory(), digest="never")
    assert set(services.digest_recipients("daily", now=MONDAY + timedelta(hours=1))) == {day}
    assert set(services.digest_recipients("weekly", now=MONDAY)) == {default_weekly}
    assert services.due_frequencies(MONDAY) == ["daily", "weekly"]
    assert services.due_frequencies(TUESDAY) == ["daily"]


def test_command_queues_digests_for_everyone_due(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    reader = PersonFactory()
    daily(reader)
    notify(reader, at=datetime.now(tz=AMS) - timedelta(hours=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-digests", "--frequency", "daily", stdout=out)
    assert "1 queued" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[reader.email]]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-digests", "--frequency", "daily", stdout=out)
    assert len(mail.outbox) == 1


def test_next_run_is_the_next_digest_hour_in_amsterdam(settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_DIGEST_HOUR = 7
    assert tasks.next_digest_run(MONDAY - timedelta(hours=1)) == MONDAY
    assert tasks.next_digest_run(MONDAY) == TUESDAY
    # Across the change to summer time the hour stays 07:00 local.
    before = datetime(2026, 3, 28, 12, 0, tzinfo=AMS)
    assert tasks.next_digest_run(before) == datetime(2026, 3, 29, 7, 0, tzinfo=AMS)


def test_schedule_needs_a_backend_that_can_wait():  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError):
        call_command("schedule", stdout=StringIO())


def test_schedule_is_queued_once_and_requeued_after_each_run(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DB_TASKS
    out = StringIO()
    call_command("schedule", stdout=out)
    call_command("schedule", stdout=out)
    waiting = DBTaskResult.objects.filter(task_path=digest_schedule.module_path)
    assert waiting.count() == 1
    assert "digests: already queued" in out.getvalue()
    first = waiting.get()
    assert first.run_after > datetime.now(tz=AMS)
    assert first.run_after.astimezone(AMS).hour == settings.PLEIN_DIGEST_HOUR
    # A run queues the digests that are due; once it has finished the schedule queues the next
    # run, but never a second one.
    PersonFactory()  # weekly by default: due on Mondays only
    first.status = "RUNNING"
    first.save()
    assert digest_schedule.call() >= 0
    for _run in range(2):
        task_finished.send(sender=None, task_result=first.task_result)
        assert waiting.filter(status="READY").count() == 1
