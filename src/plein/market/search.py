"""What the site-wide search finds of the marketplace (plein.core.registries.search).

A listing is found by its title and description; who finds it: whoever may open it
(permissions.visible_listings: a removed listing only by its owner), decided in the search
query. Done and expired listings stay findable, as their pages stay open.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Listing
from .permissions import visible_listings


def listing_entry(listing: Listing) -> Entry:
    return Entry(
        title=listing.title,
        url=listing.get_absolute_url(),
        created_at=listing.created_at,
        body=listing.description,
        author_id=listing.owner_id,
    )


LISTINGS = SearchKind(
    key="listing",
    order=90,
    label=_("Marketplace"),
    visible=visible_listings,
    entry=listing_entry,
    objects=lambda: Listing.objects.all(),
)
