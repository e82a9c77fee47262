"""What the site-wide search finds of spaces (plein.core.registries.search).

A space is found by its name and description; who finds it: whoever may see it
(permissions.visible_spaces: a secret space only by its members and invitees), decided in the
search query, so a change of kind counts at once.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Space
from .permissions import visible_spaces


def space_entry(space: Space) -> Entry:
    return Entry(
        title=space.name,
        url=space.get_absolute_url(),
        created_at=space.created_at,
        body=space.description,
        suggest=True,
    )


SPACES = SearchKind(
    key="space",
    order=20,
    label=_("Spaces"),
    visible=visible_spaces,
    entry=space_entry,
    objects=lambda: Space.objects.all(),
    suggests=True,
)
