"""{% ambassador_of person as ambassador %} and {{ ambassador|ambassador_scope }}: for the
badge on profiles (ambassadors/partials/badge.html) and the ambassador cards;
{% help_place_ambassadors space user as help %} for "Your ambassadors" in the help place
(ambassadors/partials/help_place.html, included by the space page)."""

from __future__ import annotations

from django import template

from plein.people.models import Person
from plein.spaces.help import is_help_space
from plein.spaces.models import Space

from .. import selectors
from ..models import Ambassador
from ..permissions import User

register = template.Library()


@register.simple_tag
def ambassador_of(person: Person) -> Ambassador | None:
    """The person's ambassadorship, if they are an active ambassador. One query."""
    return selectors.ambassador_of(person)


@register.filter
def ambassador_scope(ambassador: Ambassador) -> str:
    return selectors.scope_label(ambassador)


@register.simple_tag
def help_place_ambassadors(space: Space | None, user: User) -> list[Ambassador] | None:
    """On the help place's page: the viewer's ambassadors (department, with the fallback above,
    and location; else the organisation-wide ones). None on every other space's page (no
    query); two queries on the help place's."""
    if not is_help_space(space) or not getattr(user, "is_authenticated", False):
        return None
    return selectors.ambassador_page(user).mine  # type: ignore[arg-type]
