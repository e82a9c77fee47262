"""A person's accounts at the organisation's identity provider."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """The link between a person and their account at an identity provider: the provider
    (protocol and issuer) and the provider's stable, never reassigned identifier (subject).

    A person has at most one identity per provider, and an identity belongs to one person.
    """

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices)
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("linked at"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        ordering = ["protocol", "issuer"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "issuer", "subject"], name="identity_unique_subject"
            ),
            models.UniqueConstraint(
                fields=["person", "protocol", "issuer"], name="identity_one_per_provider"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_protocol_display()} {self.issuer}: {self.subject}"
