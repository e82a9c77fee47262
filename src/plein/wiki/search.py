"""What the site-wide search finds of the wiki (plein.core.registries.search).

A page is found by its title and its current text; who finds it: whoever may read its space's
content (permissions.visible_pages), decided in the search query.
"""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .models import Page
from .permissions import visible_pages


def page_entry(page: Page) -> Entry:
    text = " ".join(html.unescape(strip_tags(page.body_html)).split())
    return Entry(
        title=page.title,
        url=page.get_absolute_url(),
        created_at=page.created_at,
        body=text,
        space_id=page.space_id,
        author_id=page.created_by_id,
        suggest=True,
    )


PAGES = SearchKind(
    key="wiki",
    order=60,
    label=_("Wiki"),
    visible=visible_pages,
    entry=page_entry,
    objects=lambda: Page.objects.select_related("space"),
    suggests=True,
)
