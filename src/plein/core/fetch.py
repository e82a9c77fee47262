"""Fetching an address a person typed (a link in a post, a published calendar): the one home of
the rule that keeps the server from being sent where it must not go.

Only http and https; never to this machine (loopback), link-local addresses (which include the
cloud metadata service at 169.254.169.254), the unspecified address, multicast or reserved
addresses; checked for every address the host name resolves to, and again for every redirect.
Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed on purpose: Plein is an
intranet, and the organisation's own sites and calendar servers live there. Whoever can type
the address can already open those sites themselves.

A host name is checked before connecting, so a name that resolves differently a moment later
(DNS rebinding) is not caught; the reader's own limits (size, timeout) still hold.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit


class UnsafeAddress(Exception):
    """The address is not http(s), or leads where the server must not go."""


class Unresolvable(UnsafeAddress):
    """The host name does not resolve: nothing was sent anywhere."""


def forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
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
    except (OSError, UnicodeError, ValueError) as error:
        raise Unresolvable(url) from error
    for info in infos:
        if forbidden(ipaddress.ip_address(str(info[4][0]).split("%")[0])):
            raise UnsafeAddress(url)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:  # type: ignore[override]
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_CheckedRedirects())


def fetch(url: str, *, accept: str, user_agent: str, timeout: float, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes of the address (one more than allowed tells the caller
    that there was more). Raises UnsafeAddress, or urllib's errors (HTTPError, URLError) and
    OSError for an address that fails."""
    check_url(url)
    request = urllib.request.Request(  # noqa: S310 - check_url allows http(s) only
        url, headers={"User-Agent": user_agent, "Accept": accept}
    )
    response: IO[bytes]
    with opener().open(request, timeout=timeout) as response:
        return response.read(max_bytes + 1)
