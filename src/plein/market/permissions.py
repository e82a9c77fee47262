"""Rules about marketplace listings. Each rule is a function and a queryset that agree.

Listings are organisation-wide: every active person sees every listing, except one a moderator
removed (only its owner still sees that one, under "my listings"). A deactivated person sees
nothing. The owner edits, renews and marks done; community managers (posts.moderate_posts)
remove inappropriate listings. Anyone but the owner may reply to an open listing.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from plein.people.models import Person

from .models import Listing

User = Person | AnonymousUser
MODERATE = "posts.moderate_posts"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_listings(user: User) -> QuerySet[Listing]:
    if not _active(user):
        return Listing.objects.none()
    return Listing.objects.filter(Q(removed_at__isnull=True) | Q(owner_id=user.pk))


def can_view_listing(user: User, listing: Listing) -> bool:
    if not _active(user):
        return False
    return listing.removed_at is None or listing.owner_id == user.pk


def open_listings(user: User) -> QuerySet[Listing]:
    """What the market shows: visible, not removed, not done, not expired."""
    return visible_listings(user).filter(
        removed_at__isnull=True, done_at__isnull=True, expires_at__gt=timezone.now()
    )


def can_create_listing(user: User) -> bool:
    return _active(user)


def can_edit_listing(user: User, listing: Listing) -> bool:
    return _active(user) and listing.owner_id == user.pk and listing.removed_at is None


def can_moderate_listings(user: User) -> bool:
    return _active(user) and user.has_perm(MODERATE)


def can_remove_listing(user: User, listing: Listing) -> bool:
    return can_moderate_listings(user) and listing.removed_at is None


def can_reply(user: User, listing: Listing) -> bool:
    return can_view_listing(user, listing) and listing.owner_id != user.pk and listing.is_open
