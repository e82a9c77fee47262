"""Addresses: reverse() for those a page prints many times over, and absolute ones for e-mail.

A stream page prints some two hundred addresses (each post links to its author, space, page,
reaction form, comment form...). Django's reverse() costs tens of microseconds each; the shape of
an address never changes while the process runs, so it is reversed once per name with markers
for the arguments, and filled in after that.

`path(name, *args)` reads the request's URL configuration and script prefix each time (a few
microseconds); code that prints many addresses in a row takes `paths()` once and calls what it
returns.

`absolute_url(path)` puts an address on PLEIN_SITE_URL, for links that leave the site: in e-mail
(written in the background, with no request to ask for its host) and in calendar feeds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Digits only, so the marker passes the int, slug and str path converters alike.
_MARKER = "8093517246"
SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


@cache
def _shape(
    name: str, arity: int, urlconf: str, prefix: str
) -> tuple[str, list[str]]:  # prefix: part of the cache key only
    markers = [f"{_MARKER}{position}" for position in range(arity)]
    return reverse(name, args=markers, urlconf=urlconf), markers


def _fill(name: str, args: tuple[object, ...], urlconf: str, prefix: str) -> str:
    shape, markers = _shape(name, len(args), urlconf, prefix)
    for marker, arg in zip(markers, args, strict=True):
        # A number needs no quoting (the primary keys of nearly every address).
        text = str(arg) if type(arg) is int else quote(str(arg), safe=SAFE)
        shape = shape.replace(marker, text, 1)
    return shape


def path(name: str, *args: object) -> str:
    """The same as reverse(name, args=args) for positional path arguments (quoted as reverse()
    quotes them)."""
    return _fill(name, args, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def paths() -> Callable[..., str]:
    """path() for the current request's URL configuration and script prefix, read once: for
    code that prints many addresses in a row (a page of post cards)."""
    urlconf, prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()

    def fill(name: str, *args: object) -> str:
        return _fill(name, args, urlconf, prefix)

    return fill


def absolute_url(path: str) -> str:
    """The address `path` (as reverse() or get_absolute_url() give it) on PLEIN_SITE_URL."""
    return str(settings.PLEIN_SITE_URL).rstrip("/") + path
