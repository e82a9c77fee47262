"""Demo steps: how `plein demo` builds the demo organisation Gemeente Voorbeeld.

Each app with demo content registers its step in its `AppConfig.ready()`; the steps run in
`order` (people first: later steps build on them). A step is a function

    def step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None

that adds one kind of demo content. A feature with demo content (news, events, questions...)
writes such a function in its own app's demo.py and registers it by its dotted path (imported
only when the demo runs, so web processes never load demo code)::

    DEMO_STEPS.register(DemoStep("recipes_step", 115, "plein.recipes.demo.recipes_step"))

The rules for a step:

- Draw every random choice from `rng` (a random.Random) and `fake` (Faker("nl_NL")), both seeded
  with --seed and the step's name (`step_seed`): the same seed and the same number of people must
  give the same content.
- Each step has a random stream of its own, so what one step draws never moves another's: a step
  that draws less because something already exists (badges a migration installed, say), or a new
  step, leaves the content of every other step as it was for a given seed.
- Find what earlier steps made in the database (people first: Person.objects...), and scale by
  `people` (the size of the organisation) when it makes sense.
- Write in bulk (bulk_create in batches, rows of the M2M through tables) and never call
  set_password per person: 10,000 people must take seconds, not minutes.
- All steps run inside one transaction; files are written in transaction.on_commit.
- Write a one-line summary to `stdout`, indented by two spaces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Protocol

from django.core.management.base import OutputWrapper
from django.utils.module_loading import import_string
from faker import Faker

from . import Registry


class StepFunction(Protocol):
    def __call__(
        self, *, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper
    ) -> None: ...


@dataclass(frozen=True)
class DemoStep:
    key: str  # the step's name: it seeds the step's random stream, so never rename it
    order: int
    function: str  # the dotted path of the StepFunction

    def load(self) -> StepFunction:
        step: StepFunction = import_string(self.function)
        return step


DEMO_STEPS: Registry[DemoStep] = Registry("demo steps")


def step_seed(seed: int, step: str) -> str:
    """The seed of one step's random stream: the demo's seed and the step's name."""
    return f"{seed}/{step}"
