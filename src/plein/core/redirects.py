"""Where to go after an action: the `next` address a form or link sends, if it is safe.

A page that posts to an action puts the address to return to in a `next` field (or in the query
string, for a link to a confirmation page). Only an address on this site is followed, over
https when the request came in over https; anything else goes to the caller's default.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` of the request (the form's, else the query string's) if it leads to this
    site, else `default`."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def redirect_next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """A redirect to safe_next_url(request, default)."""
    return HttpResponseRedirect(safe_next_url(request, default))
