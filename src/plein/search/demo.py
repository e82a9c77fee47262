"""The demo's search index: built last, once every other step has written its content (the
steps write in bulk, around the services that keep the index current)."""

from __future__ import annotations

import random

from django.core.management.base import OutputWrapper
from faker import Faker

from .services import search_reindex


def search_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    written = search_reindex()
    stdout.write(f"  search: {written} entries indexed")
