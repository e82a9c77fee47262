"""What a person's profile page shows besides the profile itself: an extension point.

The people app renders the profile page; the apps above it add their sections, each with the
context it needs and, usually, a template that the page includes in its main column in order
(the kudos received, the person's posts)::

    PROFILE_SECTIONS.register(
        ProfileSection(
            key="kudos",
            order=10,
            context=profile_kudos_context,
            template="kudos/partials/profile_kudos.html",
        )
    )

A section's context is merged into the page's, so other parts of the page may use it too (the
follow button in the profile's header uses the posts section's `can_follow`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import Registry


@dataclass(frozen=True)
class ProfileSection:
    key: str
    order: int
    context: Callable[[Any, Any], dict[str, Any]]  # (request, person) -> template context
    template: str = ""  # included in the page's main column; "" for context only


PROFILE_SECTIONS: Registry[ProfileSection] = Registry("profile sections")


def profile_sections_context(request: Any, person: Any) -> dict[str, Any]:
    """Every section's context, and `profile_sections`: the templates to include, in order."""
    context: dict[str, Any] = {}
    templates: list[str] = []
    for section in PROFILE_SECTIONS.all():
        context.update(section.context(request, person))
        if section.template:
            templates.append(section.template)
    context["profile_sections"] = templates
    return context
