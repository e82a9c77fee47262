"""Helpers for post templates: the reaction buttons and safe `next` addresses."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from plein.core.paths import path

from ..models import Reaction

register = template.Library()

EMOJI = {
    Reaction.Kind.LIKE: "👍",
    Reaction.Kind.LOVE: "❤️",
    Reaction.Kind.CELEBRATE: "🎉",
    Reaction.Kind.INSIGHTFUL: "💡",
    Reaction.Kind.FUNNY: "😄",
}


@dataclass(frozen=True)
class ReactionButton:
    kind: str
    label: str
    emoji: str
    count: int
    pressed: bool


@register.simple_tag
def reaction_buttons(
    summary: list[tuple[str, int]] | None, mine: str | None
) -> list[ReactionButton]:
    """One button per kind of reaction, with how many people chose it and whether you did."""
    counts = dict(summary or [])
    return [
        ReactionButton(
            kind, str(label), EMOJI[Reaction.Kind(kind)], counts.get(kind, 0), kind == mine
        )
        for kind, label in Reaction.Kind.choices
    ]


@register.simple_tag(name="path")
def path_tag(name: str, *args: object) -> str:
    """{% path 'posts:react' post.pk %}: like {% url %}, cheaper for addresses printed per post."""
    return path(name, *args)


@register.simple_tag
def reaction_buttons_html(post: object) -> str:
    """The reaction buttons of a post card, written in Python: the stream shows twenty cards
    and these buttons are the busiest part of each."""
    pk = getattr(post, "pk", 0)
    buttons = reaction_buttons(
        getattr(post, "reaction_summary", None), getattr(post, "my_reaction", None)
    )
    return format_html_join(
        "\n",
        '<button type="submit" name="kind" value="{0}" class="reaction" aria-pressed="{1}"'
        ' id="post-{2}-react-{0}" title="{3}"><span aria-hidden="true">{4}</span>'
        '<span class="visually-hidden">{3}</span>{5}</button>',
        (
            (
                button.kind,
                "true" if button.pressed else "false",
                pk,
                button.label,
                button.emoji,
                format_html(' <span class="reaction__count">{}</span>', button.count)
                if button.count
                else "",
            )
            for button in buttons
        ),
    )


@register.filter
def reaction_emoji(kind: str) -> str:
    try:
        return EMOJI[Reaction.Kind(kind)]
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def here(context: template.Context) -> str:
    """The address of the page being shown, to come back to after an action."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return ""
    here: str | None = getattr(request, "_plein_here", None)  # asked for once per form
    if here is None:
        if request.htmx and request.htmx.current_url_abs_path:  # type: ignore[attr-defined]
            here = str(request.htmx.current_url_abs_path)  # type: ignore[attr-defined]
        else:
            here = request.get_full_path()
        request._plein_here = here  # type: ignore[attr-defined]
    return here


@dataclass(frozen=True)
class ImageSlot:
    n: int
    alt_text: str
    errors: object


@register.simple_tag
def image_slots(form: object = None) -> list[ImageSlot]:
    """The composer's picture fields, with what was typed and any errors (form may be None)."""
    from ..forms import IMAGE_SLOTS

    slots = []
    for n in range(1, IMAGE_SLOTS + 1):
        name = f"alt_{n}"
        bound = form[name] if form is not None and name in getattr(form, "fields", {}) else None  # type: ignore[index]
        value = bound.value() if bound is not None else ""
        slots.append(ImageSlot(n, value or "", bound.errors if bound is not None else None))
    return slots
