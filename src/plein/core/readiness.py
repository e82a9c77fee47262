"""Readiness check for the branding: the intranet has its own name, look and persona."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.readiness import Check, Result, register

from .models import Branding
from .selectors import branding_get

_DEFAULT_NAME = Branding._meta.get_field("intranet_name").default


def _branding(values: dict[str, int]) -> Result:
    branding = branding_get()  # cached: usually no query
    # A name is chosen once the branding has been saved (keeping the default is a choice too).
    saved = not branding._state.adding
    parts = [
        (_("the intranet's name"), saved or branding.intranet_name != _DEFAULT_NAME),
        (_("a logo"), bool(branding.logo)),
        (_("the persona's name"), bool(branding.persona_name.strip())),
        (_("the persona's picture"), bool(branding.persona_avatar)),
        (_("the persona's welcome text"), bool(branding.persona_welcome.strip())),
    ]
    missing = [label for label, present in parts if not present]
    if missing:
        summary = _("Still to set: %(missing)s.") % {"missing": ", ".join(missing)}
    else:
        summary = _("Name, logo and persona (name, picture and welcome text) are set.")
    return Result(
        done=not missing,
        summary=summary,
        progress=(len(parts) - len(missing)) / len(parts),
    )


register(
    Check(
        key="branding",
        label=gettext_lazy("Branding and persona are set"),
        order=10,
        evaluate=_branding,
        fix_url=lambda: path("manage:branding"),
    )
)
