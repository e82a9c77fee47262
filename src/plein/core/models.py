"""What the whole intranet shares: its branding and persona."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .audit.models import AuditEntry  # noqa: F401  (the audit log, a package of its own)

PERSONA_PLACEHOLDER = "{persona}"
INTRANET_PLACEHOLDER = "{intranet}"

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits.")
)


def _branding_path(instance: Branding, filename: str) -> str:
    return str(PurePosixPath("branding", f"{uuid.uuid4().hex}.png"))


class Branding(models.Model):
    """The one row that says how this intranet looks and who presents it (its persona)."""

    SINGLETON_PK = 1

    intranet_name = models.CharField(_("intranet name"), max_length=60, default="Plein")
    organisation_name = models.CharField(
        _("organisation name"), max_length=120, blank=True, default=""
    )
    slogan = models.CharField(_("slogan"), max_length=140, blank=True, default="")
    logo = models.ImageField(_("logo"), upload_to=_branding_path, blank=True)
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#1d5c82", validators=[hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b8430f", validators=[hex_colour]
    )
    persona_name = models.CharField(_("persona name"), max_length=60, blank=True, default="")
    persona_avatar = models.ImageField(_("persona picture"), upload_to=_branding_path, blank=True)
    # The welcome per language; {persona} and {intranet} stand for the names as they are now.
    persona_welcome = models.TextField(
        _("persona welcome text in Dutch"), max_length=1000, blank=True, default=""
    )
    persona_welcome_en = models.TextField(
        _("persona welcome text in English"), max_length=1000, blank=True, default=""
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="branding_singleton"),
        ]
        permissions = [("change_site_branding", _("Can change the intranet's branding"))]

    def __str__(self) -> str:
        return self.intranet_name

    def welcome_in(self, language: str) -> str:
        """The persona's welcome for a reader of `language` with the names filled in: the text
        written in that language, else the one written in the other; "" when there is none."""
        own = self.persona_welcome_en if language.startswith("en") else self.persona_welcome
        text = (own or self.persona_welcome or self.persona_welcome_en).strip()
        persona = self.persona_name or self.intranet_name
        return text.replace(PERSONA_PLACEHOLDER, persona).replace(
            INTRANET_PLACEHOLDER, self.intranet_name
        )

    @property
    def welcome(self) -> str:
        """The welcome in the active language (templates and e-mails show this one)."""
        return self.welcome_in(translation.get_language() or settings.LANGUAGE_CODE)
