"""Spaces (groups) and who belongs to them."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path


def _image_path(instance: Space, filename: str) -> str:
    return str(PurePosixPath("spaces", "images", f"{uuid.uuid4().hex}.jpg"))


class Space(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open: anyone can join")
        CLOSED = "closed", _("Closed: visible to all, people ask to join")
        SECRET = "secret", _("Secret: only members see it, by invitation")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=140, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    image = models.ImageField(_("image"), upload_to=_image_path, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OPEN)
    is_default_for_everyone = models.BooleanField(_("default space for everyone"), default=False)
    default_departments = models.ManyToManyField(
        "people.Department",
        verbose_name=_("default space for departments"),
        blank=True,
        related_name="default_spaces",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        permissions = [("manage_default_spaces", _("Can choose who is in a space by default"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["open", "closed", "secret"]), name="space_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path("spaces:detail", self.slug)


class Membership(models.Model):
    """A person's relation to a space. Rows are kept when people leave or are removed."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        OWNER = "owner", _("Owner")

    class State(models.TextChoices):
        MEMBER = "member", _("Member")
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Asked to join")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="space_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["space", "person"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["member", "moderator", "owner"]),
                name="membership_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["member", "invited", "requested", "left", "removed"]),
                name="membership_state_valid",
            ),
            # Only current members moderate or own.
            models.CheckConstraint(
                condition=models.Q(role="member") | models.Q(state="member"),
                name="membership_role_needs_member_state",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "state"], name="membership_person_state_idx"),
            # A space's current members counted, its owners and moderators found, from the index.
            models.Index(fields=["space", "state", "role"], name="membership_space_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.space} ({self.state})"
