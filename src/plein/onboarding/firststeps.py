"""The first-steps checklist: what a new person does to feel at home in the intranet.

A step says what to do ("React to something"), why, where it is done, and how Plein knows it is
done. The checklist (`selectors.checklist`) shows them in `order`, with the progress.

How a step plugs in
-------------------
There is no central list. Every app may have a module `firststeps.py`; `OnboardingConfig.ready()`
imports all of them (`autodiscover_modules("firststeps")`), and each registers its own steps::

    from django.utils.translation import gettext_lazy as _

    from plein.core.paths import path
    from plein.onboarding.firststeps import Step, register

    register(
        Step(
            key="recipe",
            label=_("Share a recipe"),
            help=_("Colleagues love a good lunch tip."),
            order=55,  # where it appears in the list
            url=lambda person: path("recipes:create"),  # called when a page is shown
            evidence=lambda person: Recipe.objects.filter(author=person),
        )
    )

A step is done when any of these says so:

- `evidence(person)`: a queryset that has a row once the step is done. The evidence of all steps
  is asked in ONE query (as EXISTS subqueries), so the checklist costs the same whatever the
  number of steps. Prefer it.
- `is_done(person, state)`: Python on data already loaded, for what a query cannot say simply.
  It must not query; related data it reads is named in `prefetch` (loaded once for all steps on
  the person object, which the start page's other widgets then reuse).
- `confirmable`: Plein cannot see it for itself (the browser's start page), so the person
  confirms it; the keys are kept in `OnboardingState.confirmed_steps`. `on_confirm(person)` may
  record the same fact elsewhere.

`action` is the text of the link to the step's `url`; `template` is included under the step on
the checklist page for longer instructions; `status(person, state)` may add a line about where
the person stands ("Your profile is 60% complete"). A confirmable step with
`auto_confirm="standalone"` is ticked off by the browser when the page runs as an installed app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from plein.people.models import Person

    from .models import OnboardingState

Text = str | Promise


@dataclass(frozen=True)
class Step:
    key: str
    label: Text
    help: Text
    order: int
    url: Callable[[Person], str]
    is_done: Callable[[Person, OnboardingState], bool] | None = None
    confirmable: bool = False
    evidence: Callable[[Person], QuerySet[Any]] | None = None
    prefetch: tuple[str, ...] = ()
    status: Callable[[Person, OnboardingState], Text] | None = None
    action: Text = ""  # the text of the link to `url` ("Edit your profile")
    template: str = ""
    on_confirm: Callable[[Person], None] | None = None
    # "standalone": the browser confirms it by itself when the page runs as an installed app.
    auto_confirm: str = ""

    @property
    def evidence_name(self) -> str:
        """The name its evidence gets in the one query that checks all steps."""
        return f"step_{self.key}"


_REGISTRY: dict[str, Step] = {}


def register(step: Step) -> Step:
    """Add a step (registering the same key again replaces it)."""
    _REGISTRY[step.key] = step
    return step


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def get(key: str) -> Step | None:
    return _REGISTRY.get(key)


def all_steps() -> list[Step]:
    return sorted(_REGISTRY.values(), key=lambda step: (step.order, step.key))


# -- the steps that belong to onboarding itself --------------------------------------------------


def _checklist_anchor(key: str) -> Callable[[Person], str]:
    def url(person: Person) -> str:
        from plein.core.paths import path

        return f"{path('onboarding:checklist')}#step-{key}"

    return url


def _intranet_name() -> str:
    from plein.core.selectors import branding_get

    return branding_get().intranet_name


def _start_hint_dismissed(person: Person) -> QuerySet[Any]:
    # "Done, don't show this again" under the start page's own hint says the same thing.
    from plein.startpage.models import PersonalLayout

    return PersonalLayout.objects.filter(person=person, hint_dismissed_at__isnull=False)


def _start_hint_dismiss(person: Person) -> None:
    from plein.startpage.services import start_hint_dismiss

    start_hint_dismiss(person=person)


register(
    Step(
        key="start_page",
        label=lazy(lambda: _("Make %(name)s your start page") % {"name": _intranet_name()}, str)(),
        help=gettext_lazy(
            "Then your browser opens with what matters today: the news, your agenda and what "
            "colleagues share."
        ),
        order=60,
        url=_checklist_anchor("start_page"),
        confirmable=True,
        evidence=_start_hint_dismissed,
        on_confirm=_start_hint_dismiss,
        template="onboarding/steps/start_page.html",
    )
)

register(
    Step(
        key="install_app",
        label=lazy(lambda: _("Put %(name)s on your phone") % {"name": _intranet_name()}, str)(),
        help=gettext_lazy(
            "As an app on your home screen, it is one tap away: for the news and a colleague's "
            "phone number on the go."
        ),
        order=70,
        url=_checklist_anchor("install_app"),
        confirmable=True,
        template="onboarding/steps/install_app.html",
        auto_confirm="standalone",
    )
)
