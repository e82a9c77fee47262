"""`plein demo`: the demo organisation Gemeente Voorbeeld, built by a list of steps.

DEMO_STEPS names the steps, in the order they run. A step is a function

    def step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None

that adds one kind of demo content. A feature with demo content (news, events, questions...)
writes such a function in its own app's demo.py and appends its dotted path to DEMO_STEPS.

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
import uuid
from typing import Protocol

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils.module_loading import import_string
from faker import Faker

from plein.people.demo import avatar_jpeg

from .models import Branding
from .selectors import BRANDING_CACHE_KEY

DEMO_STEPS: tuple[str, ...] = (
    "plein.people.demo.people_step",  # first: later steps build on the people
    "plein.core.demo.branding_step",
    "plein.spaces.demo.spaces_step",
    "plein.posts.demo.posts_step",
    "plein.events.demo.events_step",
    "plein.news.demo.news_step",
    "plein.blogs.demo.blogs_step",
    "plein.kudos.demo.kudos_step",
    "plein.startpage.demo.startpage_step",
    "plein.polls.demo.polls_step",
    "plein.questions.demo.questions_step",
    "plein.market.demo.market_step",
    "plein.ideas.demo.ideas_step",
    "plein.documents.demo.documents_step",
    "plein.wiki.demo.wiki_step",
    "plein.launch.demo.launch_step",
    "plein.ambassadors.demo.ambassadors_step",
    "plein.questions.demo.routing_step",  # after the helpers and ambassadors exist
)


class DemoStep(Protocol):
    __name__: str

    def __call__(
        self, *, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper
    ) -> None: ...


def demo_steps() -> list[DemoStep]:
    return [import_string(path) for path in DEMO_STEPS]


def step_seed(seed: int, step: str) -> str:
    """The seed of one step's random stream: the demo's seed and the step's name."""
    return f"{seed}/{step}"


DEMO_BRANDING = {
    "intranet_name": "Plein",
    "organisation_name": "Gemeente Voorbeeld",
    "slogan": "Samen werken aan Voorbeeld",
    "persona_name": "Vera",
    "persona_welcome": (
        "Hoi, ik ben {persona}! Welkom op {intranet}, het intranet van Gemeente Voorbeeld. Hier "
        "vind je het nieuws, je collega's en antwoord op je vragen. Begin met je profiel: met een "
        "foto en een paar regels over jezelf weten collega's je snel te vinden. Kom je er niet "
        "uit? Vraag het gerust aan de ambassadeur van je afdeling."
    ),
    "persona_welcome_en": (
        "Hi, I'm {persona}! Welcome to {intranet}, the intranet of Gemeente Voorbeeld. Here you "
        "find the news, your colleagues and answers to your questions. Start with your profile: "
        "with a photo and a few lines about yourself, colleagues find you quickly. Stuck? Just "
        "ask the ambassador of your department."
    ),
}


def branding_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """The branding of Gemeente Voorbeeld, unless a community manager has set one already."""
    # The persona needs a face: a generated portrait, written once the transaction commits.
    avatar_name = f"branding/{uuid.UUID(int=rng.getrandbits(128)).hex}.jpg"
    branding, created = Branding.objects.get_or_create(
        pk=Branding.SINGLETON_PK, defaults={**DEMO_BRANDING, "persona_avatar": avatar_name}
    )
    if created:
        storage = branding.persona_avatar.storage

        def _after_commit() -> None:
            storage.save(avatar_name, ContentFile(avatar_jpeg(colour=2, figure=1)))
            cache.delete(BRANDING_CACHE_KEY)

        transaction.on_commit(_after_commit)
        stdout.write(f"  branding: {DEMO_BRANDING['intranet_name']} with persona Vera")
    else:
        stdout.write("  branding: kept as it was")
