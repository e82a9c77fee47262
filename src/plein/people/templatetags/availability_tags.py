"""Absences in templates: {% away_badge person %} on a person card, {% away_line away %}."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..availability.labels import away_long, away_short
from ..availability.selectors import LOADED, Away, away_of

register = template.Library()


@register.simple_tag
def away_badge(person: object) -> SafeString:
    """ "Away until 12 Dec" when the person is away today; nothing otherwise, and nothing when
    the list was not loaded with its absences (selectors.with_absences): never a query here."""
    if getattr(person, LOADED, None) is None:
        return SafeString("")
    away = away_of(person)  # type: ignore[arg-type]
    if away is None:
        return SafeString("")
    return format_html('<p class="away-badge">{}</p>', away_short(away))


@register.simple_tag
def away_line(away: Away) -> str:
    return away_long(away)
