"""Who hears about what. Called after commit by the services that change content.

Nobody is notified about content they may not see: every recipient is checked against the
same rules the pages use (posts/permissions.py, spaces/permissions.py) at the moment the
notification is made, and the list, counters, e-mails and digests filter again when they are
read (selectors.visible_notifications).

Mentions, comments on your post and replies to you are also e-mailed at once (each person
chooses in NotificationSettings), invitations to a space always; everything else waits for the
daily or weekly digest. E-mails are written in the recipient's language before they are queued.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from plein.core.selectors import branding_get
from plein.core.tasks import email_enqueue, enqueue_later_once, is_waiting
from plein.onboarding.tips import digest_tip
from plein.people.models import Person
from plein.posts import permissions as post_rules
from plein.posts.models import Comment, Post, PostFollow, Reaction
from plein.spaces import permissions as space_rules
from plein.spaces.models import Membership, Space

from . import selectors, wording
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


def _muted_among(people: list[Person], post: Post) -> set[int]:
    """Who of these people muted the post or its space: two queries, however many people."""
    ids = [person.pk for person in people]
    muted = set(
        PostFollow.objects.filter(
            person_id__in=ids, post=post, state=PostFollow.State.MUTED
        ).values_list("person_id", flat=True)
    )
    if post.space_id is not None:
        muted |= set(
            SpaceMute.objects.filter(person_id__in=ids, space_id=post.space_id).values_list(
                "person_id", flat=True
            )
        )
    return muted


def _deliver(
    recipients: Iterable[Person],
    *,
    kind: str,
    actor: Person,
    post: Post,
    comment: Comment | None = None,
    respect_mutes: bool = True,
) -> list[Notification]:
    if post.is_deleted:
        return []
    people = list({p.pk: p for p in recipients if p.pk != actor.pk and p.is_active}.values())
    muted = _muted_among(people, post) if respect_mutes else set()
    made = []
    for person in people:
        if person.pk in muted or not post_rules.can_view_post(person, post):
            continue
        made.append(
            Notification(
                recipient=person,
                actor=actor,
                kind=kind,
                post=post,
                comment=comment,
                space_id=post.space_id,
            )
        )
    return _save(made)


def _save(made: list[Notification]) -> list[Notification]:
    """Store new notifications and e-mail the ones that are e-mailed at once, after commit."""
    Notification.objects.bulk_create(made)
    ids = [n.pk for n in made if n.kind in EMAILED_AT_ONCE]
    if ids:
        transaction.on_commit(lambda: notifications_email(ids))
    return made


@transaction.atomic
def post_notify(*, post_id: int, recipient_ids: Sequence[int], kind: str) -> list[Notification]:
    """Tell these people about a post (a new blog entry, kudos, a news item to read), each only
    if they may see it and did not mute it."""
    post = Post.objects.select_related("author", "space").filter(pk=post_id).first()
    if post is None:
        return []
    people = Person.objects.filter(pk__in=recipient_ids, is_active=True)
    return _deliver(people, kind=kind, actor=post.author, post=post)


@transaction.atomic
def post_published(post_id: int, *, mentioned_ids: Sequence[int] = ()) -> list[Notification]:
    post = Post.objects.select_related("author", "space").filter(pk=post_id).first()
    if post is None or post.is_deleted:
        return []
    people = Person.objects.filter(pk__in=mentioned_ids)
    # Being mentioned by name gets through a muted space or post: it is addressed to you.
    return _deliver(people, kind=Kind.MENTION, actor=post.author, post=post, respect_mutes=False)


@transaction.atomic
def comment_published(
    comment_id: int, mentioned_ids: Sequence[int] = (), *, only_mentions: bool = False
) -> list[Notification]:
    comment = (
        Comment.objects.select_related("author", "post__author", "post__space", "parent__author")
        .filter(pk=comment_id, deleted_at__isnull=True)
        .first()
    )
    if comment is None:
        return []
    post, actor = comment.post, comment.author
    made = _deliver(
        Person.objects.filter(pk__in=mentioned_ids),
        kind=Kind.MENTION,
        actor=actor,
        post=post,
        comment=comment,
        respect_mutes=False,
    )
    if only_mentions:
        return made
    told = {n.recipient_id for n in made}
    if comment.parent is not None and comment.parent.author_id not in told:
        made += _deliver(
            [comment.parent.author], kind=Kind.REPLY, actor=actor, post=post, comment=comment
        )
        told |= {n.recipient_id for n in made}
    if post.author_id not in told:
        made += _deliver([post.author], kind=Kind.COMMENT, actor=actor, post=post, comment=comment)
        told |= {n.recipient_id for n in made}
    followers = Person.objects.filter(
        post_follows__post=post, post_follows__state=PostFollow.State.FOLLOWING
    ).exclude(pk__in=told)
    made += _deliver(followers, kind=Kind.FOLLOWED_POST, actor=actor, post=post, comment=comment)
    return made


@transaction.atomic
def reaction_added(reaction_id: int) -> list[Notification]:
    reaction = (
        Reaction.objects.select_related(
            "person", "post__author", "comment__author", "comment__post"
        )
        .filter(pk=reaction_id)
        .first()
    )
    if reaction is None:
        return []
    if reaction.post is not None:
        post, owner, comment = reaction.post, reaction.post.author, None
    else:
        assert reaction.comment is not None
        post, owner, comment = reaction.comment.post, reaction.comment.author, reaction.comment
    return _deliver([owner], kind=Kind.REACTION, actor=reaction.person, post=post, comment=comment)


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
    return _save(made)


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


def _absolute(path: str) -> str:
    return settings.PLEIN_SITE_URL.rstrip("/") + path


def _open_url(notification: Notification) -> str:
    """Through the notification, so that following the link marks it read."""
    return _absolute(reverse("notifications:open", args=[notification.pk]))


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


def _render(person: Person, template: str, context: dict[str, object]) -> dict[str, str]:
    """Subject, text and HTML of an e-mail, in the person's language."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "person": person,
            "site_name": branding_get().intranet_name,
            "settings_url": _absolute(reverse("notifications:settings")),
        }
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        body = render_to_string(f"notifications/email/{template}.txt", context)
        html_body = render_to_string(f"notifications/email/{template}.html", context)
    return {"subject": subject, "body": body, "html_body": html_body}


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
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            context = {
                "notification": notification,
                "sentence": wording.sentence(notification),
                "snippet": _snippet(notification),
                "link": _open_url(notification),
            }
        message = _render(recipient, "notification", context)
        Notification.objects.filter(pk=row.pk).update(emailed_at=timezone.now())
        email_enqueue(to=[recipient.email], **message)
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
    from .tasks import send_digest

    now = now or timezone.now()
    frequencies = due_frequencies(now) if frequency == "due" else [frequency]
    queued = 0
    for chosen in frequencies:
        for person_id in digest_recipients(chosen, now=now).values_list("pk", flat=True):
            try:
                send_digest.enqueue(person_id, str(chosen))
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
        posts = selectors.popular_posts(person, since)
        if not notifications and not posts:
            return False
        with translation.override(person.language or settings.LANGUAGE_CODE):
            items = [{"sentence": wording.sentence(n), "link": _open_url(n)} for n in notifications]
            post_items = [
                {
                    "title": _post_title(post),
                    "snippet": Truncator(" ".join(strip_tags(post.body_html).split())).chars(200),
                    "link": _absolute(post.get_absolute_url()),
                }
                for post in posts
            ]
            tip = digest_tip(now=now, previous_digest_at=previous_digest_at)
        message = _render(
            person,
            "digest",
            {
                "frequency": frequency,
                "items": items,
                "more": total - len(items),
                "total": total,
                "posts": post_items,
                "tip": tip,
                "list_url": _absolute(reverse("notifications:list")),
            },
        )
        transaction.on_commit(lambda: email_enqueue(to=[person.email], **message))
    return True


def _post_title(post: Post) -> str:
    assert post.space is not None
    return _("%(author)s in %(space)s") % {
        "author": post.author.full_name,
        "space": post.space.name,
    }


def next_digest_run(now: datetime) -> datetime:
    """The next PLEIN_DIGEST_HOUR:00 (local time) after `now`."""
    local = _local(now)
    run = local.replace(hour=settings.PLEIN_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(
            hour=settings.PLEIN_DIGEST_HOUR, minute=0, second=0, microsecond=0
        )
    return run


def digest_schedule_pending() -> bool:
    """Is a digest_schedule task already waiting in the database queue?"""
    from .tasks import digest_schedule

    return is_waiting(digest_schedule)


def digest_schedule_next(*, now: datetime | None = None) -> datetime | None:
    """Queue the digest schedule for the next digest hour, unless one waits already; returns
    when it will run, or None when nothing was queued."""
    from .tasks import digest_schedule

    return enqueue_later_once(digest_schedule, run_after=next_digest_run(now or timezone.now()))
