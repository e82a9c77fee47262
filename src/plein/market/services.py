"""Every change to marketplace listings goes through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core import images as image_files
from plein.core.mail import in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.registries import search
from plein.people.models import Location, Person

from . import permissions
from .models import DESCRIPTION_MAX_LENGTH, Listing, Reply

PHOTO_MAX_SIDE = 1600
THUMBNAIL_MAX_SIDE = 480
REPLY_MAX_LENGTH = 2000
REPLY_WINDOW = timedelta(hours=1)


def listing_days() -> int:
    return int(settings.PLEIN_MARKET_LISTING_DAYS)


def replies_per_hour() -> int:
    return int(settings.PLEIN_MARKET_REPLIES_PER_HOUR)


@dataclass
class PhotoUpload:
    file: IO[bytes]
    alt_text: str


@dataclass
class ListingData:
    kind: str
    title: str
    category: str
    description: str = ""
    price_cents: int | None = None
    location: Location | None = None
    place: str = ""


def _clean(data: ListingData) -> ListingData:
    errors: dict[str, str] = {}
    title = " ".join(data.title.split())
    if not title:
        errors["title"] = _("Give the listing a title.")
    if data.kind not in Listing.Kind.values:
        errors["kind"] = _("Choose whether you offer or are looking for something.")
    if data.category not in Listing.Category.values:
        errors["category"] = _("Choose a category.")
    description = data.description.strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("Keep the description under %(max)s characters.") % {
            "max": DESCRIPTION_MAX_LENGTH
        }
    if data.price_cents is not None and data.price_cents < 0:
        errors["price"] = _("A price cannot be negative.")
    if errors:
        raise ValidationError(errors)
    return ListingData(
        kind=data.kind,
        title=title,
        category=data.category,
        description=description,
        price_cents=data.price_cents,
        location=data.location,
        place=" ".join(data.place.split()),
    )


def _prepare_photo(photo: PhotoUpload) -> tuple[ContentFile[bytes], ContentFile[bytes], str]:
    alt_text = " ".join(photo.alt_text.split())[:500]
    if not alt_text:
        raise ValidationError(
            {"photo_alt": _("Describe the photo for colleagues who cannot see it.")}
        )
    try:
        large, _w, _h = image_files.bounded_jpeg(photo.file, PHOTO_MAX_SIDE)
        photo.file.seek(0)
        small, _w, _h = image_files.bounded_jpeg(photo.file, THUMBNAIL_MAX_SIDE)
    except ValidationError as error:
        raise ValidationError({"photo": error.error_list}) from None
    return large, small, alt_text


def _apply(listing: Listing, data: ListingData) -> None:
    listing.kind, listing.title, listing.category = data.kind, data.title, data.category
    listing.description, listing.price_cents = data.description, data.price_cents
    listing.location, listing.place = data.location, data.place


def _discard_later(names: list[str]) -> None:
    storage = Listing._meta.get_field("photo").storage  # type: ignore[attr-defined]

    def discard() -> None:
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(discard)


def listing_create(
    *, owner: Person, data: ListingData, photo: PhotoUpload | None = None
) -> Listing:
    _require(permissions.can_create_listing(owner))
    data = _clean(data)
    picture = _prepare_photo(photo) if photo is not None else None
    now = timezone.now()
    listing = Listing(owner=owner, created_at=now, expires_at=now + timedelta(days=listing_days()))
    _apply(listing, data)
    if picture is not None:
        listing.photo.save("photo.jpg", picture[0], save=False)
        listing.thumbnail.save("thumbnail.jpg", picture[1], save=False)
        listing.photo_alt = picture[2]
    with transaction.atomic():
        listing.save()
        search.index("listing", listing)
    return listing


def listing_update(
    *,
    actor: Person,
    listing: Listing,
    data: ListingData,
    photo: PhotoUpload | None = None,
    remove_photo: bool = False,
    photo_alt: str | None = None,
) -> Listing:
    """Change what the listing says; a new photo replaces the old one."""
    _require(permissions.can_edit_listing(actor, listing))
    data = _clean(data)
    keeps_photo = photo is None and not remove_photo and bool(listing.photo)
    if keeps_photo and photo_alt is not None:
        photo_alt = " ".join(photo_alt.split())[:500]
        if not photo_alt:
            raise ValidationError(
                {"photo_alt": _("Describe the photo for colleagues who cannot see it.")}
            )
    picture = _prepare_photo(photo) if photo is not None else None
    old = [listing.photo.name or "", listing.thumbnail.name or ""]
    _apply(listing, data)
    with transaction.atomic():
        if picture is not None:
            listing.photo.save("photo.jpg", picture[0], save=False)
            listing.thumbnail.save("thumbnail.jpg", picture[1], save=False)
            listing.photo_alt = picture[2]
            _discard_later(old)
        elif remove_photo:
            listing.photo, listing.thumbnail, listing.photo_alt = "", "", ""  # type: ignore[assignment]
            _discard_later(old)
        elif keeps_photo and photo_alt:
            listing.photo_alt = photo_alt
        listing.save()
        search.index("listing", listing)
    return listing


def listing_renew(*, actor: Person, listing: Listing) -> Listing:
    """Show the listing for another period from now (also brings a done one back)."""
    _require(permissions.can_edit_listing(actor, listing))
    listing.expires_at = timezone.now() + timedelta(days=listing_days())
    listing.done_at = None
    with transaction.atomic():
        listing.save(update_fields=["expires_at", "done_at"])
        search.index("listing", listing)
    return listing


def listing_mark_done(*, actor: Person, listing: Listing) -> Listing:
    """Sold, given away or found: take it off the market."""
    _require(permissions.can_edit_listing(actor, listing))
    if listing.done_at is None:
        listing.done_at = timezone.now()
        with transaction.atomic():
            listing.save(update_fields=["done_at"])
            search.index("listing", listing)
    return listing


def listing_remove(*, actor: Person, listing: Listing) -> Listing:
    """A moderator takes an inappropriate listing down; its owner still sees it."""
    _require(permissions.can_remove_listing(actor, listing))
    listing.removed_at, listing.removed_by = timezone.now(), actor
    with transaction.atomic():
        listing.save(update_fields=["removed_at", "removed_by"])
        search.index("listing", listing)
    return listing


def replies_left(sender: Person) -> int:
    since = timezone.now() - REPLY_WINDOW
    sent = Reply.objects.filter(sender=sender, sent_at__gt=since).count()
    return max(0, replies_per_hour() - sent)


def listing_reply(*, sender: Person, listing: Listing, message: str) -> Reply:
    """E-mail the owner a message, in the owner's language, with the sender's address in it."""
    _require(permissions.can_reply(sender, listing))
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a message to the owner.")})
    if len(message) > REPLY_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Keep it under %(max)s characters.") % {"max": REPLY_MAX_LENGTH}}
        )
    with transaction.atomic():
        # Lock the sender's row so two quick replies cannot both slip under the limit.
        Person.objects.select_for_update().filter(pk=sender.pk).first()
        if replies_left(sender) <= 0:
            raise ValidationError(
                _(
                    "You have sent %(count)s messages in the last hour; "
                    "wait a while before sending another."
                )
                % {"count": replies_per_hour()}
            )
        reply = Reply.objects.create(listing=listing, sender=sender)
        owner = listing.owner
        with in_language_of(owner):
            email = render_email(
                subject=_("Reply to your listing “%(title)s”") % {"title": listing.title},
                text="market/reply_email.txt",
                context={
                    "listing": listing,
                    "sender": sender,
                    "message": message,
                    "owner": owner,
                    "link": absolute_url(listing.get_absolute_url()),
                },
            )
        email.enqueue_on_commit(to=[owner.email])
    return reply
