"""The market app's part of "your data": your listings with their photos, and the listings you
replied to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import Listing, Reply


def listings(person: Person, writer: Writer) -> None:
    writer.records(
        {
            "id": item.pk,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "category": item.category,
            "price_cents": item.price_cents,
            "place": item.place,
            "photo": writer.file(item.photo, str(item.pk)),
            "created_at": item.created_at,
            "expires_at": item.expires_at,
            "done_at": item.done_at,
            "removed_at": item.removed_at,
        }
        for item in Listing.objects.filter(owner=person).order_by("created_at", "pk")
    )
    writer.records(
        {"replied_to_listing": reply["listing_id"], "sent_at": reply["sent_at"]}
        for reply in Reply.objects.filter(sender=person)
        .order_by("sent_at", "pk")
        .values("listing_id", "sent_at")
    )


SECTIONS.register(
    Section(
        key="market",
        order=190,
        label=_("Your market listings"),
        help=_("what you offered or asked for, and your replies"),
        collect=listings,
    )
)
