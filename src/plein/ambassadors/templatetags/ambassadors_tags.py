"""{% ambassador_of person as ambassador %} and {{ ambassador|ambassador_scope }}: for the
badge on profiles (ambassadors/partials/badge.html) and the ambassador cards."""

from __future__ import annotations

from django import template

from plein.people.models import Person

from .. import selectors
from ..models import Ambassador

register = template.Library()


@register.simple_tag
def ambassador_of(person: Person) -> Ambassador | None:
    """The person's ambassadorship, if they are an active ambassador. One query."""
    return selectors.ambassador_of(person)


@register.filter
def ambassador_scope(ambassador: Ambassador) -> str:
    return selectors.scope_label(ambassador)
