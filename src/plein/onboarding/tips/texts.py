"""A tip's texts: Markdown rendered safely, the intranet's name filled in, the right language.

Texts are Markdown, rendered by plein.posts.markup (markdown-it without raw HTML, then nh3);
"{intranet}" in a title or text becomes the intranet's name. A tip is shown in the active
language: Dutch for nl, English otherwise. The posting guidelines are rendered the same way.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from plein.core.selectors import branding_get
from plein.posts import markup

INTRANET_PLACEHOLDER = "{intranet}"


def tip_language(language: str | None = None) -> Literal["nl", "en"]:
    """Which of a tip's two texts suits `language` (default: the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "nl" if language.lower().startswith("nl") else "en"


def render_markdown(text: str) -> str:
    """Markdown to safe HTML (mentions are not linked); "{intranet}" is kept for later."""
    return markup.render(text, lambda name: None).html if text.strip() else ""


def with_intranet_name(text: str, *, is_html: bool) -> str:
    if INTRANET_PLACEHOLDER not in text:
        return text
    name = branding_get().intranet_name
    return text.replace(INTRANET_PLACEHOLDER, escape(name) if is_html else name)


def markdown_html(text: str) -> SafeString:
    """Markdown as a page shows it: rendered safely, with the intranet's name filled in."""
    return mark_safe(with_intranet_name(render_markdown(text), is_html=True))  # noqa: S308


@dataclass(frozen=True)
class ShownTip:
    """A tip as one person sees it, in their language."""

    pk: int
    title: str
    html: SafeString
    number: int | None = None  # its place in the person's series; None for a tip of the day
    total: int = 0

    @property
    def text(self) -> str:
        """Plain text, for e-mails."""
        return html.unescape(strip_tags(self.html)).strip()


@dataclass(frozen=True)
class LibraryTip:
    """An active tip with its texts rendered once (kept in the cache)."""

    pk: int
    title_nl: str
    html_nl: str
    title_en: str
    html_en: str

    def shown(
        self, language: str | None = None, *, number: int | None = None, total: int = 0
    ) -> ShownTip:
        lang = tip_language(language)
        title, body = (
            (self.title_nl, self.html_nl) if lang == "nl" else (self.title_en, self.html_en)
        )
        return ShownTip(
            pk=self.pk,
            title=with_intranet_name(title, is_html=False),
            html=mark_safe(with_intranet_name(body, is_html=True)),  # noqa: S308 - nh3-cleaned
            number=number,
            total=total,
        )
