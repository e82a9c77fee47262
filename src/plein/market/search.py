"""What the site-wide search finds of the marketplace (plein.core.registries.search).

A listing is found by its title and description, and by whether it is offered or wanted, its
category, its location and place (the labels in the site's language, as the index is); who
finds it: whoever may open it
(permissions.visible_listings: a removed listing only by its owner), decided in the search
query. Done and expired listings stay findable, as their pages stay open.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Listing
from .permissions import visible_listings


def listing_entry(listing: Listing) -> Entry:
    with translation.override(settings.LANGUAGE_CODE):
        labels = [str(listing.get_kind_display()), str(listing.get_category_display())]
    where = [listing.location.name if listing.location else "", listing.place]
    return Entry(
        title=listing.title,
        url=listing.get_absolute_url(),
        created_at=listing.created_at,
        body=listing.description,
        extra=" ".join(part for part in [*labels, *where] if part),
        author_id=listing.owner_id,
    )


LISTINGS = SearchKind(
    key="listing",
    order=90,
    label=_("Marketplace"),
    visible=visible_listings,
    entry=listing_entry,
    objects=lambda: Listing.objects.select_related("location"),
)
