"""reverse() for the addresses a page prints many times over.

A stream page prints some two hundred addresses (each post links to its author, space, page,
reaction form, comment form...). Django's reverse() costs tens of microseconds each; the shape of
an address never changes while the process runs, so it is reversed once per name with markers
for the arguments, and filled in after that.
"""

from __future__ import annotations

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


def path(name: str, *args: object) -> str:
    """The same as reverse(name, args=args) for positional path arguments (quoted as reverse()
    quotes them)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    shape, markers = _shape(name, len(args), urlconf, get_script_prefix())
    for marker, arg in zip(markers, args, strict=True):
        shape = shape.replace(marker, quote(str(arg), safe=SAFE), 1)
    return shape
