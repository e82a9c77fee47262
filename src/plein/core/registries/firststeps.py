"""First steps: what a new person does to feel at home in the intranet (an extension point).

A step says what to do ("React to something"), why, where it is done, and how Plein knows it is
done. The onboarding app's checklist (`plein.onboarding.selectors.checklist`) shows them in
`order`, with the progress.

How a step plugs in
-------------------
There is no central list, and the apps with steps never import the onboarding app: an app writes
a module `firststeps.py` that registers its own steps in this registry, and imports it from its
`AppConfig.ready()`::

    from django.utils.translation import gettext_lazy as _

    from plein.core.paths import path
    from plein.core.registries.firststeps import Step, register

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
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from . import Registry

Text = str | Promise
Person = Any  # a plein.people Person (core imports no domain app)
State = Any  # the person's onboarding state (confirmed_steps: the keys they confirmed)


@dataclass(frozen=True)
class Step:
    key: str
    label: Text
    help: Text
    order: int
    url: Callable[[Person], str]
    is_done: Callable[[Person, State], bool] | None = None
    confirmable: bool = False
    evidence: Callable[[Person], QuerySet[Any]] | None = None
    prefetch: tuple[str, ...] = ()
    status: Callable[[Person, State], Text] | None = None
    action: Text = ""  # the text of the link to `url` ("Edit your profile")
    template: str = ""
    on_confirm: Callable[[Person], None] | None = None
    # "standalone": the browser confirms it by itself when the page runs as an installed app.
    auto_confirm: str = ""

    @property
    def evidence_name(self) -> str:
        """The name its evidence gets in the one query that checks all steps."""
        return f"step_{self.key}"


STEPS: Registry[Step] = Registry("first steps")
register = STEPS.register
get = STEPS.get
all_steps = STEPS.all
