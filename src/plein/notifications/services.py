"""Who hears about what. Called after commit by the services that change content.

Nobody is notified about content they may not see: every recipient is checked against the
same rules the pages use at the moment the notification is made (for spaces here, by
spaces/permissions.py; for posts by the posts app, plein.posts.notify, which stores its
notifications through notifications_deliver), and the list, counters, e-mails and digests
filter again when they are read (selectors.visible_notifications).

Mentions, comments on your post and replies to you are also e-mailed at once (each person
chooses in NotificationSettings), invitations to a space always; everything else waits for the
daily or weekly digest. E-mails are written in the recipient's language before they are queued.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from plein.core.mail import Email, in_language_of, render_email, render_subject
from plein.core.paths import absolute_url
from plein.core.registries.digest import DIGEST_SECTIONS, DigestSection
from plein.core.registries.spaces import SpaceEvent, SpaceEventKind
from plein.core.selectors import branding_get
from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Membership, Space

from . import selectors, tasks, wording
from .models import Notification, NotificationSettings, SpaceMute

logger = logging.getLogger(__name__)

Kind = Notification.Kind
Digest = NotificationSettings.Digest
EMAILED_AT_ONCE = {
    Kind.MENTION,
    Kind.COMMENT,
    Kind.REPLY,
    Kind.SPACE_INVITATION,
    Kind.MUST_READ,
}
DIGEST_NOTIFICATIONS = 20
SNIPPET_CHARS = 300


def notifications_deliver(*, notifications: list[Notification]) -> list[Notification]:
    """Store new notifications and e-mail the ones that are e-mailed at once, after commit.
    The caller made sure that each recipient may see what it is about and wants to hear it."""
    Notification.objects.bulk_create(notifications)
    ids = [n.pk for n in notifications if n.kind in EMAILED_AT_ONCE]
    if ids:
        transaction.on_commit(lambda: notifications_email(ids))
    return notifications


# Space events ------------------------------------------------------------------------------


def _space_deliver(
    recipients: Iterable[Person], *, kind: str, actor: Person | None, space: Space
) -> list[Notification]:
    """Notify active people who may see the space (a pending invitation counts)."""
    made = [
        Notification(recipient=person, actor=actor, kind=kind, space=space)
        for person in recipients
        if person.is_active
        and (actor is None or person.pk != actor.pk)
        and space_rules.can_view_space(person, space)
    ]
    return notifications_deliver(notifications=made)


@transaction.atomic
def space_invited(*, space_id: int, person_id: int, actor_id: int) -> list[Notification]:
    """Someone was invited to a space (the only way to hear of a secret one): tell them."""
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        return []
    return _space_deliver(
        Person.objects.filter(pk=person_id),
        kind=Kind.SPACE_INVITATION,
        actor=Person.objects.filter(pk=actor_id).first(),
        space=space,
    )


@transaction.atomic
def space_requested(*, space_id: int, person_id: int) -> list[Notification]:
    """Someone asked to join: tell the space's moderators and owners."""
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        return []
    moderators = Person.objects.filter(
        space_memberships__space=space,
        space_memberships__state=Membership.State.MEMBER,
        space_memberships__role__in=[Membership.Role.MODERATOR, Membership.Role.OWNER],
    )
    return _space_deliver(
        moderators,
        kind=Kind.SPACE_REQUEST,
        actor=Person.objects.filter(pk=person_id).first(),
        space=space,
    )


@transaction.atomic
def space_accepted(*, space_id: int, person_id: int, actor_id: int) -> list[Notification]:
    """A request to join was granted: tell the person who asked."""
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        return []
    return _space_deliver(
        Person.objects.filter(pk=person_id),
        kind=Kind.SPACE_ACCEPTED,
        actor=Person.objects.filter(pk=actor_id).first(),
        space=space,
    )


def space_event(event: SpaceEvent) -> list[Notification]:
    """Hear what happens to memberships (plein.core.registries.spaces; registered in
    NotificationsConfig.ready()) and tell the people concerned."""
    if event.kind == SpaceEventKind.REQUESTED:
        return space_requested(space_id=event.space_id, person_id=event.person_id)
    assert event.actor_id is not None
    tell = space_invited if event.kind == SpaceEventKind.INVITED else space_accepted
    return tell(space_id=event.space_id, person_id=event.person_id, actor_id=event.actor_id)


# Reading and choices -----------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, person: Person, notification: Notification) -> Notification:
    if notification.recipient_id != person.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, person: Person) -> int:
    """Mark every unread notification of the person read; returns how many."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_settings_update(
    *,
    person: Person,
    email_mentions: bool,
    email_replies: bool,
    digest: str,
    email_invitations: bool = True,
) -> NotificationSettings:
    prefs, _created = NotificationSettings.objects.get_or_create(person=person)
    prefs.email_mentions = email_mentions
    prefs.email_replies = email_replies
    prefs.email_invitations = email_invitations
    prefs.digest = digest
    prefs.full_clean(exclude=["person"])
    prefs.save()
    return prefs


@transaction.atomic
def space_mute_set(*, person: Person, space: Space, muted: bool) -> bool:
    """Mute a space (no notifications about new activity in it; mentions still come) or unmute
    it. Only for people who may see the space's content. Returns the new state."""
    if not space_rules.can_view_space_content(person, space):
        raise PermissionDenied
    if muted:
        SpaceMute.objects.get_or_create(person=person, space=space)
    else:
        SpaceMute.objects.filter(person=person, space=space).delete()
    return muted


# E-mail ------------------------------------------------------------------------------------


def _open_url(notification: Notification) -> str:
    """Through the notification, so that following the link marks it read."""
    return absolute_url(reverse("notifications:open", args=[notification.pk]))


def _snippet(notification: Notification) -> str:
    """The text the notification is about; only called for notifications the recipient may
    see (visible_notifications)."""
    comment = notification.comment
    html = comment.body_html if comment is not None else ""
    if not html and notification.post is not None:
        html = notification.post.body_html
    text = " ".join(strip_tags(html).split())
    return Truncator(text).chars(SNIPPET_CHARS)


def _wants_email(prefs: NotificationSettings, kind: str) -> bool:
    if kind == Kind.MENTION:
        return prefs.email_mentions
    if kind in (Kind.COMMENT, Kind.REPLY):
        return prefs.email_replies
    # Invitations (the only way to hear of a secret space) and must-read news always go out.
    return kind in (Kind.SPACE_INVITATION, Kind.MUST_READ)


def _can_receive_email(person: Person) -> bool:
    return bool(person.is_active and person.email)


def _render(person: Person, template: str, context: dict[str, object]) -> Email:
    """Subject, text and HTML of an e-mail, in the person's language."""
    with in_language_of(person):
        context = {
            **context,
            "person": person,
            "site_name": branding_get().intranet_name,
            "settings_url": absolute_url(reverse("notifications:settings")),
        }
        return render_email(
            subject=render_subject(f"notifications/email/{template}_subject.txt", context),
            text=f"notifications/email/{template}.txt",
            html=f"notifications/email/{template}.html",
            context=context,
        )


def notifications_email(notification_ids: Sequence[int]) -> int:
    """E-mail these notifications at once, to those who want that and may still see what it is
    about; returns how many were queued. Each is e-mailed once (emailed_at)."""
    sent = 0
    rows = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    for row in rows:
        recipient = row.recipient
        if not _can_receive_email(recipient):
            continue
        if not _wants_email(selectors.settings_for(recipient), row.kind):
            continue
        notification = (
            selectors.with_details(selectors.visible_notifications(recipient))
            .select_related("comment")
            .filter(pk=row.pk)
            .first()
        )
        if notification is None:
            continue
        with in_language_of(recipient):
            context = {
                "notification": notification,
                "sentence": wording.sentence(notification),
                "snippet": _snippet(notification),
                "link": _open_url(notification),
            }
        message = _render(recipient, "notification", context)
        Notification.objects.filter(pk=row.pk).update(emailed_at=timezone.now())
        message.enqueue(to=[recipient.email])
        sent += 1
    return sent


# Digests -----------------------------------------------------------------------------------

DIGEST_DAYS: dict[str, int] = {Digest.DAILY: 1, Digest.WEEKLY: 7}


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def digest_period_start(frequency: str, now: datetime) -> datetime:
    """Start of the current period: today (daily) or this week from Monday (weekly), local time.
    A digest is sent at most once per period."""
    local = _local(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Digest.WEEKLY:
        start = (local - timedelta(days=local.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    return start


def digest_recipients(frequency: str, *, now: datetime | None = None) -> QuerySet[Person]:
    """Active people with an e-mail address who chose this frequency (weekly by default) and
    had no digest in the current period yet."""
    if frequency not in DIGEST_DAYS:
        raise ValueError(f"Unknown digest frequency {frequency!r}")
    start = digest_period_start(frequency, now or timezone.now())
    chosen = Q(notification_settings__digest=frequency)
    if frequency == Digest.WEEKLY:
        chosen |= Q(notification_settings__isnull=True)
    not_yet = Q(notification_settings__last_digest_at__isnull=True) | Q(
        notification_settings__last_digest_at__lt=start
    )
    return Person.objects.filter(chosen, not_yet, is_active=True).exclude(email="")


def due_frequencies(now: datetime) -> list[str]:
    """Daily digests every day; weekly ones on Mondays (local time)."""
    return [Digest.DAILY, Digest.WEEKLY] if _local(now).weekday() == 0 else [Digest.DAILY]


def digests_enqueue(*, frequency: str = "due", now: datetime | None = None) -> int:
    """Queue a digest task for everyone due; returns how many were queued. `frequency` is
    "daily", "weekly" or "due" (daily, and weekly on Mondays)."""
    now = now or timezone.now()
    frequencies = due_frequencies(now) if frequency == "due" else [frequency]
    queued = 0
    for chosen in frequencies:
        for person_id in digest_recipients(chosen, now=now).values_list("pk", flat=True):
            try:
                tasks.send_digest.enqueue(person_id, str(chosen))
            except Exception:
                logger.exception("Could not queue the digest of person %s", person_id)
            else:
                queued += 1
    return queued


def digest_send(*, person_id: int, frequency: str, now: datetime | None = None) -> bool:
    """Write and queue one person's digest, once per period whatever how often this is called;
    returns whether an e-mail was queued. Nothing is sent when there is nothing to tell."""
    now = now or timezone.now()
    if frequency not in DIGEST_DAYS:
        raise ValueError(f"Unknown digest frequency {frequency!r}")
    with transaction.atomic():
        person = Person.objects.filter(pk=person_id).first()
        if person is None or not _can_receive_email(person):
            return False
        NotificationSettings.objects.get_or_create(person=person)
        prefs = NotificationSettings.objects.select_for_update().get(person=person)
        if prefs.digest != frequency:
            return False
        if prefs.last_digest_at and prefs.last_digest_at >= digest_period_start(frequency, now):
            return False
        previous_digest_at = prefs.last_digest_at
        since = prefs.last_digest_at or now - timedelta(days=DIGEST_DAYS[frequency])
        prefs.last_digest_at = now
        prefs.save(update_fields=["last_digest_at"])
        unread = selectors.digest_notifications(person, since)
        notifications = list(unread[:DIGEST_NOTIFICATIONS])
        total = len(notifications)
        if total == DIGEST_NOTIFICATIONS:
            total = unread.count()
        moment = _Moment(since=since, now=now, previous_digest_at=previous_digest_at)
        news = _sections_context(person, moment, news=True)
        if not notifications and not news:
            return False
        shown = {**news, **_sections_context(person, moment, news=False)}
        with in_language_of(person):
            items = [{"sentence": wording.sentence(n), "link": _open_url(n)} for n in notifications]
            sections = [_section_render(section, shown) for section in DIGEST_SECTIONS.all()]
        message = _render(
            person,
            "digest",
            {
                "frequency": frequency,
                "items": items,
                "more": total - len(items),
                "total": total,
                "sections": sections,
                "list_url": absolute_url(reverse("notifications:list")),
            },
        )
        message.enqueue_on_commit(to=[person.email])
    return True


@dataclass(frozen=True)
class _Moment:
    since: datetime
    now: datetime
    previous_digest_at: datetime | None


def _sections_context(person: Person, moment: _Moment, *, news: bool) -> dict[str, dict[str, Any]]:
    """What the digest sections that are (or are not) news show the person, by their key; a
    section with nothing to show is left out."""
    shown = {}
    with in_language_of(person):
        for section in DIGEST_SECTIONS.all():
            if section.news != news:
                continue
            context = section.context(
                person,
                since=moment.since,
                now=moment.now,
                previous_digest_at=moment.previous_digest_at,
            )
            if context is not None:
                shown[section.key] = context
    return shown


def _section_render(section: DigestSection, shown: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The section's text and HTML, empty when it has nothing to show. Every registered section
    is passed to the digest's templates, shown or not, which lay them out the same way."""
    context = shown.get(section.key)
    if context is None:
        return {"text": "", "html": ""}
    return {
        "text": render_to_string(f"{section.template}.txt", context),
        "html": render_to_string(f"{section.template}.html", context),
    }
