"""A news item is a Post of kind NEWS plus the details here: lead, picture, featured, must-read."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSON = settings.AUTH_USER_MODEL


def _image_path(instance: NewsItem, filename: str) -> str:
    return str(PurePosixPath("news", "images", f"{uuid.uuid4().hex}.jpg"))


def _thumbnail_path(instance: NewsItem, filename: str) -> str:
    return str(PurePosixPath("news", "thumbnails", f"{uuid.uuid4().hex}.jpg"))


class NewsItem(models.Model):
    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="news_details"
    )
    lead = models.CharField(_("lead"), max_length=300)
    image = models.ImageField(_("image"), upload_to=_image_path, blank=True)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_thumbnail_path, blank=True)
    image_alt = models.CharField(
        _("description for people who cannot see the image"), max_length=500, blank=True
    )
    featured = models.BooleanField(_("featured on the start page"), default=False)
    must_read = models.BooleanField(_("must read"), default=False)
    # When the people it reaches were told to read it (at publication) and reminded (once).
    must_read_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="news_image_has_alt_text",
            ),
        ]
        indexes = [
            models.Index(
                fields=["featured"], name="news_featured_idx", condition=models.Q(featured=True)
            ),
        ]

    def __str__(self) -> str:
        return self.lead[:60]


class ReadConfirmation(models.Model):
    """A person confirmed having read a must-read news item."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="confirmations")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="read_confirmations")
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        ordering = ["confirmed_at", "id"]
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(fields=["news", "person"], name="read_confirmation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} read {self.news_id}"
