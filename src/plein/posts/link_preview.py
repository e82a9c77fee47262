"""The title and description of the first link in a post, fetched in the background.

Safety: the address is fetched by plein.core.fetch (http(s) only, never this machine or the
cloud metadata service, checked again for every redirect; private ranges allowed), at most
MAX_BYTES with a short timeout.
Failures are logged and never raised: a post without a preview is fine.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

from plein.core.fetch import UnsafeAddress
from plein.core.fetch import fetch as safe_fetch

from .models import Post

logger = logging.getLogger(__name__)

TIMEOUT = 3
MAX_BYTES = 256 * 1024
USER_AGENT = "Plein link preview"
TITLE_MAX = 300
DESCRIPTION_MAX = 500


def fetch(url: str) -> bytes:
    return safe_fetch(
        url, accept="text/html", user_agent=USER_AGENT, timeout=TIMEOUT, max_bytes=MAX_BYTES
    )[:MAX_BYTES]


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in ("og:title", "og:description", "description") and key not in self.meta:
                self.meta[key] = values.get("content", "")
        elif tag == "title" and not self.title:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _clean(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parse(html: str) -> tuple[str, str]:
    """(title, description) from Open Graph tags, falling back to <title> and meta description."""
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    title = parser.meta.get("og:title") or parser.title
    description = parser.meta.get("og:description") or parser.meta.get("description", "")
    return _clean(title, TITLE_MAX), _clean(description, DESCRIPTION_MAX)


def link_preview_store(post_id: int) -> None:
    """Fetch the preview of the post's link and store it, if the link has not changed since."""
    url = Post.objects.filter(pk=post_id).values_list("link_url", flat=True).first()
    if not url:
        return
    try:
        raw = fetch(url)
        title, description = parse(raw.decode("utf-8", errors="replace"))
    except UnsafeAddress:
        logger.warning("Link preview of post %s refused: %s is not allowed", post_id, url)
        return
    except Exception:
        logger.warning("Link preview of post %s failed for %s", post_id, url, exc_info=True)
        return
    if title or description:
        Post.objects.filter(pk=post_id, link_url=url).update(
            link_title=title, link_description=description
        )
