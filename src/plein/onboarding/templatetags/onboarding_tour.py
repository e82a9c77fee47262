"""{% tour_for_request as tour %}: the start page's guided tour, when this person gets it."""

from __future__ import annotations

from typing import Any

from django import template

from plein.onboarding import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def tour_for_request(context: template.Context) -> dict[str, Any] | None:
    request = context.get("request")
    return selectors.tour_for_request(request) if request is not None else None
