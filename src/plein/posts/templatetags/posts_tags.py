"""Helpers for post templates: the post cards, safe `next` addresses, cheap addresses."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from .. import cards
from ..forms import IMAGE_SLOTS
from ..models import Reaction

register = template.Library()


@register.simple_tag(takes_context=True)
def post_card(context: template.Context, post: object, **extra: object) -> SafeString:
    """{% post_card post heading_level=3 %}: a post's card (see posts.cards). Like an include,
    `extra` is set in the context for the card, also for the part particular to a kind."""
    with context.push(post=post, **extra):
        return cards.card_html(context, post)


@register.simple_tag(takes_context=True)
def reaction_bar(context: template.Context, post: object) -> SafeString:
    return cards.reaction_bar_html(context, post)


@register.simple_tag
def comment_count(post: object, oob: object = False) -> SafeString:
    return cards.comment_count_html(post, bool(oob))


@register.filter
def reaction_emoji(kind: str) -> str:
    try:
        return cards.EMOJI[Reaction.Kind(kind)]
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def here(context: template.Context) -> str:
    """The address of the page being shown, to come back to after an action."""
    request: HttpRequest | None = context.get("request")
    return "" if request is None else cards.current_address(request)


@dataclass(frozen=True)
class ImageSlot:
    n: int
    alt_text: str
    errors: object


@register.simple_tag
def image_slots(form: object = None) -> list[ImageSlot]:
    """The composer's picture fields, with what was typed and any errors (form may be None)."""
    slots = []
    for n in range(1, IMAGE_SLOTS + 1):
        name = f"alt_{n}"
        bound = form[name] if form is not None and name in getattr(form, "fields", {}) else None  # type: ignore[index]
        value = bound.value() if bound is not None else ""
        slots.append(ImageSlot(n, value or "", bound.errors if bound is not None else None))
    return slots
