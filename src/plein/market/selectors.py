"""Reads about marketplace listings, built on the rules in permissions.py."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet

from plein.people.models import Location

from . import permissions
from .models import Listing
from .permissions import User


def _cards(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    return listings.select_related("owner", "location")


def market(
    user: User,
    *,
    kind: str = "",
    category: str = "",
    location: Location | None = None,
    free_only: bool = False,
    q: str = "",
) -> QuerySet[Listing]:
    """Open listings, newest first, filtered as asked."""
    listings = permissions.open_listings(user)
    if kind:
        listings = listings.filter(kind=kind)
    if category:
        listings = listings.filter(category=category)
    if location is not None:
        listings = listings.filter(location=location)
    if free_only:
        listings = listings.filter(price_cents__isnull=True)
    for word in q.split()[:8]:
        listings = listings.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(place__icontains=word)
        )
    return _cards(listings).order_by("-created_at", "-pk")


def my_listings(user: User) -> QuerySet[Listing]:
    """Everything the user listed, open, expired, done or removed, newest first."""
    return _cards(permissions.visible_listings(user).filter(owner_id=user.pk or 0)).order_by(
        "-created_at", "-pk"
    )


def listing_get(user: User, pk: int) -> Listing | None:
    listing = _cards(Listing.objects.filter(pk=pk)).first()
    if listing is None or not permissions.can_view_listing(user, listing):
        return None
    return listing


def decorate(listings: Sequence[Listing], user: User) -> list[Listing]:
    """What the user may do with each listing, without a query each."""
    rows = list(listings)
    for listing in rows:
        listing.can_edit = permissions.can_edit_listing(user, listing)  # type: ignore[attr-defined]
    return rows
