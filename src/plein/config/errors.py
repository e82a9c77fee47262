"""Plein's error pages, in the person's language, each saying what to do next.

The 403 and 404 pages (and the CSRF failure page, `403_csrf.html`, which Django finds by name)
are ordinary pages in Plein's layout. The 500 page is drawn without context processors: whatever
broke may be the database they read, so it uses the branding only when it can still be had.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponseForbidden, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from plein.core.context_processors import branding
from plein.people.models import Person
from plein.people.permissions import visible_people
from plein.people.roles import COMMUNITY_MANAGER

CONTACTS_SHOWN = 3


def contacts_for(user: Any) -> list[Person]:
    """The community managers a person who is refused a page can ask (those they may see)."""
    if not user.is_authenticated:
        return []
    people = visible_people(user).filter(is_active=True, groups__name=COMMUNITY_MANAGER.key)
    return list(
        people.exclude(pk=user.pk).order_by("first_name", "last_name", "pk")[:CONTACTS_SHOWN]
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponseForbidden:
    """403: why (when the refusal says so) and whom to ask."""
    user = getattr(request, "user", AnonymousUser())
    context = {"reason": str(exception), "contacts": contacts_for(user)}
    return HttpResponseForbidden(loader.render_to_string("403.html", context, request=request))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    """500: a self-contained page; the intranet's name and colours only if they can be read."""
    try:
        context: dict[str, object] = branding(request)
    except Exception:  # the database or cache may be what failed
        context = {}
    context["csp_nonce"] = getattr(request, "csp_nonce", "")
    return HttpResponseServerError(loader.render_to_string("500.html", context))
