"""A person's avatar: their photo, or their initials. Written in Python because a stream page
shows one next to every post and comment (`{% avatar %}` in templates, `avatar_html()` in code
that writes HTML)."""

from __future__ import annotations

from html import escape

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from plein.core.paths import path


def avatar_html(person: object, size: str = "", alt: str = "") -> SafeString:
    """`size` is small, medium (the default) or large; `alt` the image's text ("" when the name
    is shown next to it)."""
    size_class = conditional_escape(size or "medium")
    photo = getattr(person, "photo", None)
    if photo:
        version = escape(photo.name[14:22])  # part of the random file name: a new photo, a new URL
        src = path("people:photo", person.pk)  # type: ignore[attr-defined]
        text = conditional_escape(alt) if alt else ""
        inner = f'<img src="{src}?v={version}" alt="{text}" loading="lazy">'
    else:
        inner = f'<span aria-hidden="true">{escape(getattr(person, "initials", ""))}</span>'
    return mark_safe(f'<span class="avatar avatar--{size_class}">{inner}</span>')  # noqa: S308
