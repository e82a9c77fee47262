"""Nudges: the right people, at most two reminders, "what you missed" at most monthly, the welcome
for new colleagues once; opt-outs and deactivated accounts are left alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from plein.adoption import nudges
from plein.adoption.models import Nudge, PersonDay, UsageEvent
from plein.core.models import Branding
from plein.launch.models import Invitation, LaunchPlan
from plein.launch.selectors import launch_plan_forget
from plein.notifications.models import NotificationSettings
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def run(now=None):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return nudges.nudges_send(now=now)

    return run


def launched(days_ago: float):  # type: ignore[no-untyped-def]
    at = timezone.now() - timedelta(days=days_ago)
    LaunchPlan.objects.create(pk=1, phase=LaunchPlan.Phase.LAUNCHED, launched_at=at)
    launch_plan_forget()
    return at


def long_ago(**fields):  # type: ignore[no-untyped-def]
    return PersonFactory(date_joined=timezone.now() - timedelta(days=200), **fields)


def recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_nothing_before_the_launch(send) -> None:  # type: ignore[no-untyped-def]
    long_ago(last_login=None)
    long_ago(last_login=timezone.now() - timedelta(days=60))
    PersonFactory()
    assert send() == {"reminder": 0, "missed": 0, "welcome": 0}
    assert mail.outbox == []


def test_never_logged_in_get_at_most_two_reminders(send) -> None:  # type: ignore[no-untyped-def]
    launch = launched(days_ago=8)
    Branding.objects.create(
        pk=1, intranet_name="Dorpsplein", persona_name="Vera", persona_welcome="Hoi, ik ben Vera!"
    )
    never = long_ago(email="never@example.org", last_login=None)
    long_ago(email="seen@example.org", last_login=timezone.now() - timedelta(days=1))
    long_ago(email="gone@example.org", last_login=None, is_active=False)
    opted_out = long_ago(email="no-thanks@example.org", last_login=None)
    NotificationSettings.objects.create(person=opted_out, email_invitations=False)

    assert send()["reminder"] == 1
    assert recipients() == ["never@example.org"]
    message = mail.outbox[0]
    assert "Dorpsplein" in message.subject
    assert "Vera" in message.body and "/account/login/" in message.body

    # Daily runs do not repeat it; the second comes 21 days after the launch.
    assert send(now=launch + timedelta(days=20))["reminder"] == 0
    assert send(now=launch + timedelta(days=21, minutes=1))["reminder"] == 1
    assert "last reminder" in mail.outbox[-1].body
    # Never a third.
    assert send(now=launch + timedelta(days=90))["reminder"] == 0
    assert len(mail.outbox) == 2
    assert Nudge.objects.get(person=never, kind="reminder").count == 2
    assert UsageEvent.objects.filter(person=never, kind="nudge", subject="reminder").count() == 2


def test_reminders_count_from_joining_when_that_is_after_the_launch(send) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=30)
    recent = PersonFactory(
        email="recent@example.org", date_joined=timezone.now() - timedelta(days=3)
    )
    old = long_ago(email="old@example.org")
    send()
    assert Nudge.objects.filter(person=old, kind="reminder").exists()
    # The new colleague had the welcome, and gets a reminder only a week after joining.
    assert set(Nudge.objects.filter(person=recent).values_list("kind", flat=True)) == {"welcome"}
    send(now=timezone.now() + timedelta(days=4, minutes=1))
    assert Nudge.objects.filter(person=recent, kind="reminder").exists()


def test_the_reminder_is_in_the_persons_language(send) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=8)
    long_ago(email="nl@example.org", last_login=None, language="nl")
    long_ago(email="en@example.org", last_login=None, language="en")
    send()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert 'lang="nl"' in by_address["nl@example.org"].alternatives[0][0]
    assert 'lang="en"' in by_address["en@example.org"].alternatives[0][0]


def test_inactive_people_get_what_they_missed_once_a_month(send) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=90)
    away = long_ago(email="away@example.org", last_login=timezone.now() - timedelta(days=40))
    long_ago(email="recent@example.org", last_login=timezone.now() - timedelta(days=5))
    counted = long_ago(email="counted@example.org", last_login=timezone.now() - timedelta(days=40))
    PersonDay.objects.create(person=counted, day=timezone.localdate() - timedelta(days=3), visits=1)
    opted_out = long_ago(email="no@example.org", last_login=timezone.now() - timedelta(days=40))
    NotificationSettings.objects.create(person=opted_out, email_invitations=False)
    long_ago(
        email="gone@example.org", last_login=timezone.now() - timedelta(days=40), is_active=False
    )

    author = long_ago(last_login=timezone.now())
    old = PostFactory(
        author=author, body="Before you left", created_at=timezone.now() - timedelta(days=45)
    )
    old.reaction_count = 99
    old.save()
    posts = []
    for number in range(7):
        post = PostFactory(
            author=author, body=f"Nieuws {number}", created_at=timezone.now() - timedelta(days=10)
        )
        post.reaction_count = number
        post.comment_count = 1 if number == 0 else 0
        post.save()
        posts.append(post)
    PostFactory(author=away, body="My own post", created_at=timezone.now() - timedelta(days=20))

    assert send()["missed"] == 1
    assert recipients() == ["away@example.org"]
    body = mail.outbox[0].body
    for number in (6, 5, 4, 3, 2):
        assert f"Nieuws {number}" in body
    assert body.index("Nieuws 6") < body.index("Nieuws 2")
    assert "Nieuws 0" not in body and "Nieuws 1" not in body  # only the top five
    assert "Before you left" not in body and "My own post" not in body

    now = timezone.now()
    assert send(now=now + timedelta(days=20))["missed"] == 0
    assert send(now=now + timedelta(days=31))["missed"] == 1
    assert Nudge.objects.get(person=away, kind="missed").count == 2


def test_no_what_you_missed_without_posts(send) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=90)
    away = long_ago(last_login=timezone.now() - timedelta(days=40))
    assert send()["missed"] == 0
    assert not Nudge.objects.filter(person=away).exists()


def test_new_colleagues_get_the_invitation_once(send) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=30)
    hire = PersonFactory(email="new@example.org", date_joined=timezone.now() - timedelta(days=2))
    invited = PersonFactory(
        email="invited@example.org", date_joined=timezone.now() - timedelta(days=2)
    )
    Invitation.objects.create(person=invited, sent_at=timezone.now())
    PersonFactory(
        email="older@example.org",
        date_joined=timezone.now() - timedelta(days=20),
        last_login=timezone.now(),
    )
    opted_out = PersonFactory(
        email="no@example.org", date_joined=timezone.now() - timedelta(days=2)
    )
    NotificationSettings.objects.create(person=opted_out, email_invitations=False)
    PersonFactory(
        email="gone@example.org", date_joined=timezone.now() - timedelta(days=2), is_active=False
    )

    assert send()["welcome"] == 1
    assert recipients() == ["new@example.org"]
    assert Invitation.objects.filter(person=hire).exists()
    assert send()["welcome"] == 0
    assert len(mail.outbox) == 1
    assert UsageEvent.objects.filter(person=hire, kind="nudge", subject="welcome").count() == 1


def test_the_command_sends_and_reports(capsys, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    launched(days_ago=8)
    long_ago(last_login=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-nudges")
    assert "1 reminders" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_schedule_needs_a_backend_that_runs_later() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("schedule")


def test_next_run_is_the_nudge_hour(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_NUDGE_HOUR = 10
    now = timezone.localtime().replace(hour=11, minute=0)
    run = nudges.next_nudge_run(now)
    assert timezone.localtime(run).hour == 10 and run > now and run - now < timedelta(days=1)


@pytest.mark.parametrize(
    ("days_open", "english", "dutch"),
    [
        (8, "has been open for a week,", "is al een week open,"),
        (43, "has been open for 6 weeks,", "is al 6 weken open,"),
        (100, "You have not dropped by", "Je bent nog niet langs geweest op"),
    ],
)
def test_the_first_reminder_says_how_long_the_intranet_has_been_open(  # type: ignore[no-untyped-def]
    send, days_open, english, dutch
) -> None:
    """A colleague who joins six weeks after the launch is not told it opened a week ago."""
    launched(days_ago=days_open)
    joined = timezone.now() - timedelta(days=15)
    PersonFactory(email="en@example.org", date_joined=joined, last_login=None, language="en")
    PersonFactory(email="nl@example.org", date_joined=joined, last_login=None, language="nl")
    assert send()["reminder"] == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    for address, text in (("en@example.org", english), ("nl@example.org", dutch)):
        message = by_address[address]
        assert text in " ".join(message.body.split())
        assert text in " ".join(message.alternatives[0][0].split())
    if days_open > 8:
        assert "a week" not in by_address["en@example.org"].body
        assert "een week" not in by_address["nl@example.org"].body
