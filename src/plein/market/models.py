"""Marketplace listings: a colleague offers or asks for something, organisation-wide."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from babel.numbers import format_currency
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 4000


def _photo_path(instance: Listing, filename: str) -> str:
    return str(PurePosixPath("market", "photos", f"{uuid.uuid4().hex}.jpg"))


def _thumbnail_path(instance: Listing, filename: str) -> str:
    return str(PurePosixPath("market", "thumbnails", f"{uuid.uuid4().hex}.jpg"))


class Listing(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Offered")
        WANTED = "wanted", _("Wanted")

    class Category(models.TextChoices):
        FURNITURE = "furniture", _("Furniture")
        ELECTRONICS = "electronics", _("Electronics")
        BOOKS = "books", _("Books")
        SPORTS = "sports", _("Sports")
        TICKETS = "tickets", _("Tickets")
        HOUSING = "housing", _("Housing")
        LIFT_SHARE = "lift_share", _("Lift share")
        OTHER = "other", _("Other")

    kind = models.CharField(_("offer or wanted"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_thumbnail_path, blank=True)
    photo_alt = models.CharField(
        _("description for people who cannot see the photo"), max_length=500, blank=True
    )
    price_cents = models.PositiveIntegerField(
        _("price in cents"), null=True, blank=True, help_text=_("Empty means free.")
    )
    location = models.ForeignKey(
        "people.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("where exactly"), max_length=120, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="market_listings",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [models.Index(fields=["expires_at", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt=""),
                name="market_photo_has_alt_text",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("market:detail", args=[self.pk])

    @property
    def is_free(self) -> bool:
        return self.price_cents is None

    @property
    def price(self) -> str:
        """The price as the page's language writes euros: "€ 12,50" in Dutch, "€12.50" in English
        ("" when free)."""
        if self.price_cents is None:
            return ""
        locale = translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
        return format_currency(Decimal(self.price_cents) / 100, "EUR", locale=locale)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Shown on the market: not done, not removed, not expired."""
        return self.done_at is None and self.removed_at is None and not self.is_expired


class Reply(models.Model):
    """A message sent to a listing's owner by e-mail; kept only to limit how many one sends."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="replies")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_replies"
    )
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.listing_id}"
