"""The help place: the space "Questions about the intranet", made by a migration as a default
space for everyone, where ambassadors and the project team answer."""

from __future__ import annotations

from .models import Space

HELP_SPACE_SLUG = "help"


def help_space() -> Space | None:
    return Space.objects.filter(slug=HELP_SPACE_SLUG).first()


def is_help_space(space: Space | None) -> bool:
    return space is not None and space.slug == HELP_SPACE_SLUG
