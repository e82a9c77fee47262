"""What a provisioning client (Entra ID, say) knows about a person: the userName and externalId
it chose, and whether it removed them. The person is Plein's; this is the client's view of them.

A person removed with DELETE stays in Plein, deactivated, with everything they wrote; the client
no longer sees them (GET answers 404), and a later POST with the same userName, employee number
or e-mail address takes them back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProvisionedPerson(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="scim",
    )
    user_name = models.CharField(_("user name"), max_length=254)
    external_id = models.CharField(_("external ID"), max_length=255, blank=True)
    provisioned_at = models.DateTimeField(_("provisioned"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("provisioned person")
        verbose_name_plural = _("provisioned people")
        constraints = [
            models.UniqueConstraint(Lower("user_name"), name="scim_unique_user_name_ci"),
        ]

    def __str__(self) -> str:
        return self.user_name


class ProvisionedSpace(models.Model):
    """A space a provisioning client keeps as a group (PLEIN_SCIM_GROUPS = "spaces"). A space it
    deletes stays, with everything in it; the client no longer sees it."""

    space = models.OneToOneField(
        "spaces.Space",
        verbose_name=_("space"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="scim",
    )
    external_id = models.CharField(_("external ID"), max_length=255, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("provisioned space")
        verbose_name_plural = _("provisioned spaces")

    def __str__(self) -> str:
        return str(self.space)
