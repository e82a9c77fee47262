"""Access tokens: a personal token acts as the person who made it; an application token is made by
an administrator for another system and acts as the person it names (a functional account, say),
or as nobody when its only scope is provisioning.

Only a SHA-256 digest of the token is stored; the token itself is shown once, when it is made.
A token carries high entropy (256 random bits), so a fast hash is as safe as a slow one and lets a
request find its token by an indexed lookup.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read what the person may see")
    WRITE = "write", _("Post, comment, react, answer invitations and join spaces")
    NEWS = "news", _("Publish news (with the editor role)")
    SCIM = "scim", _("Provision people and groups (SCIM)")


# Scopes a person may give a token of their own; provisioning is for application tokens only.
PERSONAL_SCOPES = (Scope.READ, Scope.WRITE, Scope.NEWS)


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class AccessToken(models.Model):
    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        APPLICATION = "application", _("Application")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acts as"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_tokens",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scopes = models.JSONField(_("scopes"), default=list)
    prefix = models.CharField(_("begins with"), max_length=24, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # When its owner was told it expires soon (services.tokens_warn_expiring), once.
    expiry_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        ordering = ["-created_at", "-pk"]
        permissions = [("manage_access_tokens", _("Can manage application tokens"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="personal") | models.Q(person__isnull=False),
                name="accesstoken_personal_has_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def status(self, now: datetime | None = None) -> Status:
        """Revoked, expired or active (selectors.status_filter finds the tokens of each)."""
        if self.revoked_at is not None:
            return Status.REVOKED
        return Status.ACTIVE if self.is_usable(now) else Status.EXPIRED

    def status_label(self) -> str:
        return str(self.status().label)

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
