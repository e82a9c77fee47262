"""Who may give kudos, keep the badges and use the spotlight; what may be in the spotlight.

Kudos are posts on the giver's profile, so who may read them is the posts' rule
(plein.posts.permissions.visible_posts). The spotlight is on everyone's start page, so only
content that every active person may see can be put in it: an active person, or a published
post for everyone (not targeted) outside any space or in an open space.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from plein.people.models import Person
from plein.posts.models import Post
from plein.spaces.models import Space
from plein.spaces.permissions import User


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_give_kudos(user: User, recipient: Person | None = None) -> bool:
    """Any active person thanks an active colleague; never themselves."""
    if not _active(user):
        return False
    return recipient is None or (recipient.is_active and recipient.pk != user.pk)


def can_manage_badges(user: User) -> bool:
    return _active(user) and user.has_perm("kudos.manage_badges")


def can_manage_spotlight(user: User) -> bool:
    return _active(user) and user.has_perm("kudos.manage_spotlight")


def public_posts() -> Q:
    """Posts every active person sees: published, for everyone, in no space or an open one."""
    now = timezone.now()
    return (
        Q(deleted_at__isnull=True, is_targeted=False, created_at__lte=now)
        & (Q(hidden_after__isnull=True) | Q(hidden_after__gt=now))
        & (Q(space__isnull=True) | Q(space__kind=Space.Kind.OPEN))
    )


def can_be_in_spotlight(post: Post) -> bool:
    """The rule of public_posts() for one post."""
    now = timezone.now()
    return (
        post.deleted_at is None
        and not post.is_targeted
        and post.created_at <= now
        and (post.hidden_after is None or post.hidden_after > now)
        and (post.space_id is None or post.space.kind == Space.Kind.OPEN)  # type: ignore[union-attr]
    )
