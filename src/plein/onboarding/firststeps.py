"""The first steps that belong to onboarding itself (the registry and how a step plugs in:
plein.core.registries.firststeps). Registered from OnboardingConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plein.core.paths import path
from plein.core.registries.firststeps import Person, Step, register
from plein.core.selectors import branding_get


def checklist_anchor(key: str) -> Callable[[Person], str]:
    """The step's place on the checklist page (for steps explained there)."""

    def url(person: Person) -> str:
        return f"{path('onboarding:checklist')}#step-{key}"

    return url


def intranet_name() -> str:
    return branding_get().intranet_name


register(
    Step(
        key="install_app",
        label=lazy(lambda: _("Put %(name)s on your phone") % {"name": intranet_name()}, str)(),
        help=gettext_lazy(
            "As an app on your home screen, it is one tap away: for the news and a colleague's "
            "phone number on the go."
        ),
        order=70,
        url=checklist_anchor("install_app"),
        confirmable=True,
        template="onboarding/steps/install_app.html",
        auto_confirm="standalone",
    )
)
