"""Kudos (a post of kind KUDOS with a recipient and a badge), the badges, and the spotlight."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSON = settings.AUTH_USER_MODEL
MESSAGE_MAX_LENGTH = 280


class Badge(models.Model):
    """A value or quality to thank someone for; kept by the community managers.

    Badges are never deleted once given (kudos keep theirs); an inactive badge is no longer
    offered when giving kudos."""

    name = models.CharField(_("name"), max_length=60)
    emoji = models.CharField(_("emoji"), max_length=16)
    description = models.CharField(_("description"), max_length=200, blank=True)
    is_active = models.BooleanField(_("can be given"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        permissions = [("manage_badges", _("Can manage the kudos badges"))]

    def __str__(self) -> str:
        return f"{self.emoji} {self.name}"


class KudosDetails(models.Model):
    """What makes a post kudos: whom it thanks and with which badge."""

    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="kudos_details"
    )
    recipient = models.ForeignKey(
        PERSON,
        verbose_name=_("for"),
        on_delete=models.PROTECT,
        related_name="kudos_received",
    )
    badge = models.ForeignKey(
        Badge, verbose_name=_("badge"), on_delete=models.PROTECT, related_name="kudos"
    )

    class Meta:
        verbose_name = _("kudos")
        verbose_name_plural = _("kudos")

    def __str__(self) -> str:
        return f"{self.post_id} → {self.recipient_id}"


class Spotlight(models.Model):
    """A person or a post shown on the start page for a period (dates in the local time zone)."""

    person = models.ForeignKey(
        PERSON,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.CharField(_("why in the spotlight"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_by = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("spotlight")
        verbose_name_plural = _("spotlights")
        permissions = [("manage_spotlight", _("Can put people and posts in the spotlight"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, post__isnull=True)
                | models.Q(person__isnull=True, post__isnull=False),
                name="spotlight_person_or_post",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="spotlight_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="spotlight_period_idx")]

    def __str__(self) -> str:
        return f"{self.person_id or self.post_id} {self.starts_on}/{self.ends_on}"
