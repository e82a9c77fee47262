"""Links between wiki pages: `[[Page title]]`, `[[slug]]` or `[[Page title|text shown]]`.

The body is first rendered to safe HTML by posts.services.render_body (Markdown, mentions,
hashtags, nh3). Page links are resolved afterwards, when the page is shown, because whether a
target exists changes as pages come and go, and whether a missing page gets a "create this page"
link depends on who looks. Links are only made in text, never inside code, pre or an existing link,
and everything placed in the HTML is escaped again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plein.spaces.models import Space

from .models import Page

# In the rendered HTML the target is already escaped (& became &amp;), so no < or > inside.
LINK = re.compile(r"\[\[([^\[\]<>|\n]{1,200})(?:\|([^\[\]<>\n]{1,200}))?\]\]")
TAG = re.compile(r"(<[^>]*>)")
SKIP = {"a", "code", "pre"}


def targets_in(text: str) -> list[str]:
    """The link targets written in Markdown source, as typed (stripped), without duplicates."""
    return list(
        dict.fromkeys(m.group(1).strip() for m in LINK.finditer(text) if m.group(1).strip())
    )


def _key(target: str) -> str:
    return target.strip().lower()


def resolve(space: Space, targets: Iterable[str]) -> dict[str, Page]:
    """The pages of the space the targets name, by title (any case) or web address; one query."""
    wanted = {_key(t) for t in targets if t.strip()}
    if not wanted:
        return {}
    slugs = {slugify(t) for t in wanted} | wanted
    found: dict[str, Page] = {}
    pages = (
        Page.objects.annotate(lower_title=Lower("title"))
        .filter(Q(lower_title__in=wanted) | Q(slug__in=slugs), space=space)
        .only("pk", "title", "slug", "space_id")
    )
    by_title: dict[str, Page] = {}
    by_slug: dict[str, Page] = {}
    for page in pages:
        page.space = space
        by_title.setdefault(page.title.lower(), page)
        by_slug[page.slug] = page
    for target in wanted:
        match = by_title.get(target) or by_slug.get(target) or by_slug.get(slugify(target))
        if match is not None:
            found[target] = match
    return found


def link_pages(html: str, *, space: Space, can_create: bool) -> str:
    """The rendered body with [[links]] turned into links to pages of the same space."""
    if "[[" not in html:
        return html
    parts = TAG.split(html)
    targets = [
        unescape(m.group(1))
        for index, part in enumerate(parts)
        if index % 2 == 0
        for m in LINK.finditer(part)
    ]
    pages = resolve(space, targets)
    new_url = reverse("wiki:create", args=[space.slug])
    open_tags: list[str] = []
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:
            name = part.strip("</>").split(None, 1)[0].lower() if part.strip("</>") else ""
            if name in SKIP:
                if part.startswith("</"):
                    if name in open_tags:
                        open_tags.remove(name)
                elif not part.endswith("/>"):
                    open_tags.append(name)
            out.append(part)
        elif open_tags or "[[" not in part:
            out.append(part)
        else:
            out.append(LINK.sub(lambda m: _link(m, pages, new_url, can_create), part))
    return "".join(out)


def _link(match: re.Match[str], pages: dict[str, Page], new_url: str, can_create: bool) -> str:
    target = unescape(match.group(1)).strip()
    label = unescape(match.group(2)).strip() if match.group(2) else target
    if not target:
        return match.group(0)
    page = pages.get(_key(target))
    if page is not None:
        return f'<a class="wiki-link" href="{escape(page.get_absolute_url())}">{escape(label)}</a>'
    if can_create:
        url = f"{new_url}?{urlencode({'title': target})}"
        hint = _("page does not exist yet: create it")
        return (
            f'<a class="wiki-link wiki-link--missing" href="{escape(url)}">{escape(label)}'
            f' <span class="wiki-link__hint">({escape(hint)})</span></a>'
        )
    hint = _("page does not exist yet")
    return (
        f'<span class="wiki-link wiki-link--missing">{escape(label)}'
        f' <span class="wiki-link__hint">({escape(hint)})</span></span>'
    )
