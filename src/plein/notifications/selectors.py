"""Reads about notifications, filtered by the same rules the pages use.

A notification is only shown (listed, counted, e-mailed, put in a digest) while its recipient may
still see what it is about: the post (by the posts' rules, which the posts app registers as the
notification target "post": plein.core.registries.notification_targets), the comment (not
removed) and, for notifications about a space without a post, the space
(spaces/permissions.visible_spaces). Someone who loses access to a space stops seeing its
notifications at once.
"""

from __future__ import annotations

import copy
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from plein.core.registries.notification_targets import (
    NOTHING_LOADED,
    NOTIFICATION_TARGETS,
    LoadedTargets,
)
from plein.people.permissions import AUDIENCE
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import Notification, NotificationSettings, SpaceMute

User = space_rules.User


def visible_notifications(user: User) -> QuerySet[Notification]:
    """The user's own notifications about content they may still see, newest first."""
    if not (user.is_authenticated and user.is_active):
        return Notification.objects.none()
    # Correlated EXISTS rather than IN (subquery): each of the user's notifications looks up its
    # own post and space, instead of the database working out every post or space the user may
    # see (PostgreSQL planned that at a cost far above jit_above_cost; SQLite scanned every post).
    posts = Q(post__isnull=True)
    target = NOTIFICATION_TARGETS.get("post")
    if target is not None:  # else no notification about a post is shown
        posts |= Q(target.visible(user))
    spaces = space_rules.visible_spaces(user).filter(pk=OuterRef("space_id"))
    return Notification.objects.filter(
        posts,
        Q(comment__isnull=True) | Q(comment__deleted_at__isnull=True),
        Q(post__isnull=False) | Q(space__isnull=True) | Q(Exists(spaces)),
        recipient_id=user.pk,
    )


# The bell shows "99+" from a hundred on: counting stops there.
UNREAD_COUNTED = 100

# An unread notification as the bell reads it: (pk, post_id, space_id, comment's deleted_at).
_Unread = tuple[int, int | None, int | None, datetime | None]


def unread_count(user: User) -> int:
    """How many unread notifications the user may see (those visible_notifications lists), up to
    UNREAD_COUNTED. The unread rows come first, a batch at a time through their partial index;
    the rules then judge just the posts and spaces they name (_shown), so no query costs more
    with the size of the organisation. Nothing unread: one small query."""
    if not (user.is_authenticated and user.is_active):
        return 0
    viewer = _snapshot(user)
    unread = (
        Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "post_id", "space_id", "comment__deleted_at")
    )
    counted, after = 0, 0
    while counted < UNREAD_COUNTED:
        rows: list[_Unread] = list(unread.filter(pk__gt=after)[:UNREAD_COUNTED])
        counted += _shown(viewer, rows)
        if len(rows) < UNREAD_COUNTED:
            break
        after = rows[-1][0]
    return min(counted, UNREAD_COUNTED)


def _snapshot(user: User) -> User:
    """A copy of the user to ask the rules with: the memberships they load stay with the copy,
    so the bell, counted on every page, leaves nothing on request.user that a later change in
    the same request or test could make stale. What the request worked out already (the user's
    audience, memberships) is reused; request.user's lazy wrapper keeps those in its own
    __dict__, and copies to the person it wraps."""
    viewer = copy.copy(user)
    known = user.__dict__
    if AUDIENCE in known:
        viewer.__dict__[AUDIENCE] = known[AUDIENCE]
    viewer.__dict__[space_rules.PRELOADED] = dict(known.get(space_rules.PRELOADED) or {})
    return viewer


def _posts_load(post_ids: set[int]) -> LoadedTargets:
    target = NOTIFICATION_TARGETS.get("post")
    return target.load(post_ids) if target is not None else NOTHING_LOADED


def _shown(user: User, rows: list[_Unread]) -> int:
    """How many of these rows visible_notifications lists, by its three rules asked of just the
    posts and spaces named: the comment is not removed; the post may be read (the target
    "post": its load and listed); a notification about a space alone needs the space visible.
    A query for the posts, one for spaces named alone, one for the user's memberships."""
    rows = [row for row in rows if row[3] is None]
    post_ids = {post for _pk, post, _space, _removed in rows if post is not None}
    space_ids = {space for _pk, post, space, _removed in rows if post is None and space}
    posts = _posts_load(post_ids)
    spaces = Space.objects.in_bulk(space_ids)
    space_rules.memberships_preload(user, posts.space_ids.union(spaces))
    readable = posts.listed(user)
    return sum(
        1
        for _pk, post, space, _removed in rows
        if (
            post in readable
            if post is not None
            else space is None or space_rules.can_view_space(user, spaces[space])
        )
    )


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


def space_muted_among(*, person_ids: list[int], space_id: int) -> set[int]:
    """Who of these people muted the space: one query, however many people."""
    return set(
        SpaceMute.objects.filter(person_id__in=person_ids, space_id=space_id).values_list(
            "person_id", flat=True
        )
    )


def digest_notifications(user: User, since: datetime | None) -> QuerySet[Notification]:
    unread = visible_notifications(user).filter(read_at__isnull=True)
    if since is not None:
        unread = unread.filter(created_at__gt=since)
    return with_details(unread)
