"""The title and description of the first link in a post, fetched in the background.

Safety: only http and https; at most MAX_BYTES read with a short timeout; the address may not
point at this machine (loopback), at link-local addresses (which include the cloud metadata
service at 169.254.169.254) or at the unspecified address, checked for every address the host
name resolves to and again for every redirect. Private ranges (10/8, 172.16/12, 192.168/16,
fc00::/7) are allowed on purpose: Plein is an intranet, and colleagues share links to intranet
sites whose titles are worth showing; anybody who can post can already open those sites themselves.
Failures are logged and never raised: a post without a preview is fine.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import urllib.request
from html.parser import HTMLParser
from typing import IO, Any
from urllib.parse import urlsplit

from .models import Post

logger = logging.getLogger(__name__)

TIMEOUT = 3
MAX_BYTES = 256 * 1024
USER_AGENT = "Plein link preview"
TITLE_MAX = 300
DESCRIPTION_MAX = 500


class UnsafeAddress(Exception):
    pass


def _forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )


def check_url(url: str) -> None:
    """Raise UnsafeAddress unless the URL is http(s) to a host that is not forbidden."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeAddress(url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise UnsafeAddress(url) from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if _forbidden(address):
            raise UnsafeAddress(url)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:  # type: ignore[override]
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_CheckedRedirects())


def fetch(url: str) -> bytes:
    check_url(url)
    request = urllib.request.Request(  # noqa: S310 - check_url allows http(s) only
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"}
    )
    response: IO[bytes]
    with _opener().open(request, timeout=TIMEOUT) as response:
        return response.read(MAX_BYTES)


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
