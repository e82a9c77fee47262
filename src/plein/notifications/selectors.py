"""Reads about notifications, filtered by the same rules the pages use.

A notification is only shown (listed, counted, e-mailed, put in a digest) while its recipient may
still see what it is about: the post (posts/permissions.visible_posts), the comment (not removed)
and, for notifications about a space without a post, the space (spaces/permissions.visible_spaces).
Someone who loses access to a space stops seeing its notifications at once.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Q, QuerySet

from plein.posts import permissions as post_rules
from plein.posts.models import Post
from plein.posts.selectors import with_cards
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Notification, NotificationSettings, SpaceMute

User = post_rules.User


def visible_notifications(user: User) -> QuerySet[Notification]:
    """The user's own notifications about content they may still see, newest first."""
    if not (user.is_authenticated and user.is_active):
        return Notification.objects.none()
    return Notification.objects.filter(
        Q(post__isnull=True) | Q(post__in=post_rules.visible_posts(user)),
        Q(comment__isnull=True) | Q(comment__deleted_at__isnull=True),
        Q(post__isnull=False)
        | Q(space__isnull=True)
        | Q(space__in=space_rules.visible_spaces(user)),
        recipient_id=user.pk,
    )


def unread_count(user: User) -> int:
    """How many unread notifications the user may see: one query."""
    return visible_notifications(user).filter(read_at__isnull=True).count()


def with_details(notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    """Everything a notification's sentence and link need, in the same query."""
    return notifications.select_related("actor", "post__space", "space").order_by(
        "-created_at", "-id"
    )


def notification_get(user: User, pk: int) -> Notification | None:
    return with_details(visible_notifications(user)).filter(pk=pk).first()


def settings_for(person: User) -> NotificationSettings:
    """The person's choices, or the defaults (unsaved) when they never changed them."""
    found = NotificationSettings.objects.filter(person_id=int(person.pk or 0)).first()
    return found or NotificationSettings(person_id=int(person.pk or 0))


def muted_spaces(user: User) -> QuerySet[Space]:
    """Spaces the user muted and may still see the content of."""
    return space_rules.spaces_with_visible_content(user).filter(
        pk__in=SpaceMute.objects.filter(person_id=int(user.pk or 0)).values("space_id")
    )


def is_space_muted(user: User, space: Space) -> bool:
    return SpaceMute.objects.filter(person_id=int(user.pk or 0), space=space).exists()


def digest_notifications(user: User, since: datetime | None) -> QuerySet[Notification]:
    unread = visible_notifications(user).filter(read_at__isnull=True)
    if since is not None:
        unread = unread.filter(created_at__gt=since)
    return with_details(unread)


def popular_posts(user: User, since: datetime, *, limit: int = 3) -> list[Post]:
    """The most responded-to posts by others in the user's spaces since then, that they may see."""
    posts = (
        post_rules.visible_posts(user)
        .filter(space__in=space_rules.my_spaces(user), created_at__gt=since)
        .exclude(author_id=user.pk)
    )
    ranked = (
        with_cards(posts)
        .annotate(score=F("comment_count") + F("reaction_count"))
        .filter(score__gt=0)
        .order_by("-score", "-created_at", "-id")
    )
    return list(ranked[:limit])
