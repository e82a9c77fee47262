"""Nudges: friendly e-mails that bring people (back) to the intranet after the launch.

- reminder: people who never logged in, PLEIN_NUDGE_REMINDER_DAYS (7 and 21) days after the launch
  (or after they joined, if later); at most one per entry, so two ever.
- missed: people who logged in before but not in PLEIN_NUDGE_INACTIVE_DAYS (30) days get the most
  responded-to posts they may see since they were last seen; at most once per that period.
- welcome: new colleagues (joined in the last 14 days, after the launch) get the launch invitation
  once, through the launch's own Invitation rows.

Everyone who switched off "invitations and reminders" (NotificationSettings.email_invitations)
and every deactivated account is left alone. Each nudge is logged (Nudge) and counted as a usage
event of kind "nudge", so the dashboard shows it. The daily run is `plein send-nudges` or the
scheduled job "nudges" (adoption/tasks.py, queued by `plein schedule`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.html import strip_tags
from django.utils.http import urlsafe_base64_encode
from django.utils.text import Truncator

from plein.core.mail import Email, in_language_of, render_email, render_subject
from plein.core.paths import absolute_url
from plein.core.selectors import branding_get
from plein.launch.models import Invitation
from plein.launch.selectors import launch_plan
from plein.launch.services import invitation_message
from plein.people.models import Person
from plein.posts.models import Post
from plein.posts.permissions import visible_posts

from . import events
from .models import Kind, Nudge, PersonDay

logger = logging.getLogger(__name__)

NudgeKind = Nudge.Kind
NEW_HIRE_DAYS = 14
MISSED_POSTS = 5
WEEK = 7
OPEN_WEEKS_TOLD = 8


def reminder_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "PLEIN_NUDGE_REMINDER_DAYS", (7, 21)))


def inactive_days() -> int:
    return int(getattr(settings, "PLEIN_NUDGE_INACTIVE_DAYS", 30))


def _launched_at() -> datetime | None:
    plan = launch_plan()
    return plan.launched_at if plan.is_launched else None


def open_weeks(now: datetime) -> int:
    """Whole weeks the intranet has been open (at least 1: reminders start a week in), for the
    reminder to say; 0 once that is more than OPEN_WEEKS_TOLD, when the reminder no longer says."""
    launched_at = _launched_at()
    if launched_at is None:
        return 0
    weeks = max(1, (now - launched_at).days // WEEK)
    return weeks if weeks <= OPEN_WEEKS_TOLD else 0


# --- Who is due ----------------------------------------------------------------------------


def reachable() -> QuerySet[Person]:
    """Active people with an e-mail address who did not switch off reminders."""
    return (
        Person.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(notification_settings__email_invitations=False)
    )


def _nudges(kind: str) -> QuerySet[Nudge]:
    return Nudge.objects.filter(person_id=OuterRef("pk"), kind=kind)


def reminder_recipients(*, now: datetime | None = None) -> QuerySet[Person]:
    """Never logged in, and due for their next reminder: the n-th reminder is due
    reminder_days()[n] days after the launch and after they joined, and at least a week (or the
    gap between the two, if shorter) after the previous one."""
    now = now or timezone.now()
    launched_at = _launched_at()
    if launched_at is None:
        return Person.objects.none()
    people = reachable().filter(last_login__isnull=True)
    due = Person.objects.none()
    days = reminder_days()
    for number, after in enumerate(days):
        moment = now - timedelta(days=after)
        if launched_at > moment:
            continue
        step = people.filter(date_joined__lte=moment)
        if number == 0:
            step = step.exclude(Exists(_nudges(NudgeKind.REMINDER)))
        else:
            gap = timedelta(days=min(WEEK, after - days[number - 1]))
            step = step.filter(
                Exists(_nudges(NudgeKind.REMINDER).filter(count=number, sent_at__lte=now - gap))
            )
        due = due | step
    return due


def missed_recipients(*, now: datetime | None = None) -> QuerySet[Person]:
    """Logged in before, not seen in inactive_days() (last login, and the days they were
    counted active), and no "what you missed" e-mail in that period."""
    now = now or timezone.now()
    if _launched_at() is None:
        return Person.objects.none()
    cutoff = now - timedelta(days=inactive_days())
    recent_day = PersonDay.objects.filter(
        person_id=OuterRef("pk"), day__gte=timezone.localdate(cutoff)
    )
    return (
        reachable()
        .filter(last_login__isnull=False, last_login__lt=cutoff)
        .exclude(Exists(recent_day))
        .exclude(Exists(_nudges(NudgeKind.MISSED).filter(sent_at__gt=cutoff)))
    )


def welcome_recipients(*, now: datetime | None = None) -> QuerySet[Person]:
    """Joined in the last NEW_HIRE_DAYS days, after the launch, and never invited."""
    now = now or timezone.now()
    launched_at = _launched_at()
    if launched_at is None:
        return Person.objects.none()
    since = max(launched_at, now - timedelta(days=NEW_HIRE_DAYS))
    return (
        reachable()
        .filter(date_joined__gte=since)
        .exclude(launch_invitation__isnull=False)
        .exclude(Exists(_nudges(NudgeKind.WELCOME)))
    )


RECIPIENTS = {
    NudgeKind.REMINDER: reminder_recipients,
    NudgeKind.MISSED: missed_recipients,
    NudgeKind.WELCOME: welcome_recipients,
}


def last_seen(person: Person) -> datetime | None:
    """The last login, or the last day the person was counted active if that is later."""
    day = (
        PersonDay.objects.filter(person_id=person.pk)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    seen = person.last_login
    if day is not None:
        moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        if seen is None or moment > seen:
            seen = moment
    return seen


def missed_posts(person: Person, since: datetime, *, limit: int = MISSED_POSTS) -> list[Post]:
    """The posts by others the person may see, since then, most responded-to first."""
    return list(
        visible_posts(person)
        .filter(created_at__gt=since, created_at__lte=timezone.now())
        .exclude(author_id=person.pk)
        .select_related("author", "space")
        .annotate(score=F("comment_count") + F("reaction_count"))
        .order_by("-score", "-created_at", "-id")[:limit]
    )


# --- The e-mails ---------------------------------------------------------------------------


def _post_item(post: Post) -> dict[str, str]:
    text = " ".join(strip_tags(post.body_html).split())
    return {
        "title": post.title or Truncator(text).chars(80),
        "author": post.author.full_name,
        "place": post.space.name if post.space_id and post.space else "",
        "snippet": Truncator(text).chars(200) if post.title else "",
        "link": absolute_url(post.get_absolute_url()),
        "reactions": str(post.reaction_count),
        "comments": str(post.comment_count),
    }


def _render(person: Person, template: str, context: dict[str, Any]) -> Email:
    with in_language_of(person):
        branding = branding_get()
        context = {
            **context,
            "person": person,
            "branding": branding,
            "login_url": absolute_url(reverse("accounts:login")),
            "help_url": absolute_url(reverse("spaces:detail", args=["help"])),
            "settings_url": absolute_url(reverse("notifications:settings")),
        }
        return render_email(
            subject=render_subject(f"adoption/email/nudge_{template}_subject.txt", context),
            text=f"adoption/email/nudge_{template}.txt",
            html=f"adoption/email/nudge_{template}.html",
            context=context,
        )


def _set_password_url(person: Person) -> str:
    if person.has_usable_password():
        return ""
    return absolute_url(
        reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                "token": default_token_generator.make_token(person),
            },
        )
    )


def _message(person: Person, kind: str, number: int, now: datetime) -> Email | None:
    """The e-mail of this nudge, or None when there is nothing worth sending."""
    if kind == NudgeKind.REMINDER:
        return _render(
            person,
            "reminder",
            {
                "second": number > 1,
                "open_weeks": open_weeks(now),
                "set_password_url": _set_password_url(person),
            },
        )
    since = last_seen(person) or now - timedelta(days=inactive_days())
    posts = missed_posts(person, since)
    if not posts:
        return None
    with in_language_of(person):
        items = [_post_item(post) for post in posts]
    return _render(person, "missed", {"posts": items, "since": since})


# --- Sending -------------------------------------------------------------------------------


def _log(person: Person, kind: str, now: datetime) -> Nudge:
    Nudge.objects.get_or_create(person=person, kind=kind)
    nudge = Nudge.objects.select_for_update().get(person=person, kind=kind)
    nudge.count += 1
    nudge.sent_at = now
    nudge.save(update_fields=["count", "sent_at"])
    events.record(person, Kind.NUDGE, subject=kind)
    return nudge


def nudge_send(*, person_id: int, kind: str, now: datetime | None = None) -> bool:
    """Send one nudge if the person is (still) due for it; returns whether it was sent.

    The log row is written in the same transaction as the e-mail is queued (or, for the
    welcome, handed to the mail server), so nobody gets a nudge twice."""
    now = now or timezone.now()
    if kind == NudgeKind.WELCOME:
        return _welcome_send(person_id=person_id, now=now)
    with transaction.atomic():
        person = (
            RECIPIENTS[NudgeKind(kind)](now=now)
            .filter(pk=person_id)
            .select_for_update(of=("self",))
            .first()
        )
        if person is None:
            return False
        previous = Nudge.objects.filter(person=person, kind=kind).values_list("count", flat=True)
        number = (previous.first() or 0) + 1
        message = _message(person, kind, number, now)
        if message is None:
            return False
        _log(person, kind, now)
        message.enqueue_on_commit(to=[person.email])
    return True


def _welcome_send(*, person_id: int, now: datetime) -> bool:
    """The launch invitation, once, as the launch itself sends it (an Invitation row)."""
    try:
        with transaction.atomic():
            person = welcome_recipients(now=now).filter(pk=person_id).first()
            if person is None:
                return False
            _row, created = Invitation.objects.get_or_create(
                person=person, defaults={"sent_at": now}
            )
            if not created:
                return False
            _log(person, NudgeKind.WELCOME, now)
            invitation_message(person).send()
    except Exception:
        logger.exception("Could not send the welcome to person %s", person_id)
        return False
    return True


def nudges_send(*, now: datetime | None = None) -> dict[str, int]:
    """Send every nudge that is due; returns how many of each kind were sent."""
    now = now or timezone.now()
    sent: dict[str, int] = {}
    for kind, recipients in RECIPIENTS.items():
        sent[kind.value] = 0
        for person_id in list(recipients(now=now).values_list("pk", flat=True).order_by("pk")):
            try:
                if nudge_send(person_id=person_id, kind=kind, now=now):
                    sent[kind.value] += 1
            except Exception:
                logger.exception("Could not nudge person %s (%s)", person_id, kind)
    return sent


def nudge_hour() -> int:
    return int(getattr(settings, "PLEIN_NUDGE_HOUR", 10))


def next_nudge_run(now: datetime) -> datetime:
    """The next PLEIN_NUDGE_HOUR:00 (local time, 10 by default) after `now`."""
    hour = nudge_hour()
    local = timezone.localtime(now)
    run = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return run
