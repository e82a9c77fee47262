"""The demo organisation's branding: Gemeente Voorbeeld's name, persona and look (a demo step;
how steps work: plein.core.registries.demo)."""

from __future__ import annotations

import random
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from faker import Faker

from .models import Branding
from .portraits import avatar_jpeg
from .selectors import BRANDING_CACHE_KEY

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
