"""@mentions are linked when a page is shown, for the person looking at it.

Rendering (plein.posts.markup) only marks a mention: <span class="mention">@handle</span>, for
every handle typed, whether or not anyone or anything answers to it. Stored HTML, written with
the writer's rights and read by others, therefore says nothing about who or what exists.

When an HTML response leaves the server, MentionsMiddleware replaces each mark, in one query for
people and one for spaces per response:
- an active person the viewer may see, whose e-mail address starts with handle@: a link to the
  profile showing the person's name;
- otherwise a space the viewer may see with that web address: a link showing the space's name;
- otherwise the plain text @handle, exactly as for a handle nobody has. A secret space the
  viewer is not in, or a deactivated colleague, cannot be told apart from a made-up handle.

This covers every page, partial and preview at once, and HTML rendered before mentions were
marked (a link with class="mention", written with the writer's rights) is judged again the same
way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape

from plein.people.models import Person
from plein.people.permissions import User, visible_people
from plein.spaces.permissions import visible_spaces

MARK = re.compile(r'<(a|span)\b[^>]*\bclass="mention"[^>]*>@([A-Za-z0-9][A-Za-z0-9._+-]*)</\1>')
MARKER = b'class="mention"'


def people_by_handle(people: QuerySet[Person], handles: Iterable[str]) -> dict[str, Person]:
    """The people (from the given set) each handle names, keyed by the handle in lower case."""
    wanted = {handle.lower() for handle in handles}
    if not wanted:
        return {}
    query = Q()
    for handle in wanted:
        query |= Q(email__istartswith=f"{handle}@")
    found: dict[str, Person] = {}
    for person in people.filter(query).order_by("pk"):
        local = person.email.rsplit("@", 1)[0].lower()
        if local in wanted:
            found.setdefault(local, person)
    return found


def links_for(user: User, handles: Iterable[str]) -> dict[str, tuple[str, str]]:
    """For each handle (lower case) the viewer may follow: (address, name shown)."""
    wanted = {handle.lower() for handle in handles}
    people = people_by_handle(visible_people(user).filter(is_active=True), wanted)
    links = {
        handle: (person.get_absolute_url(), person.full_name) for handle, person in people.items()
    }
    rest = wanted - links.keys()
    if rest:
        for space in visible_spaces(user).filter(slug__in=rest).only("slug", "name"):
            links[space.slug] = (reverse("spaces:detail", args=[space.slug]), space.name)
    return links


def link_mentions(html: str, user: User) -> str:
    """The HTML with every marked mention linked, or made plain text, for this viewer."""
    handles = [match.group(2) for match in MARK.finditer(html)]
    if not handles:
        return html
    links = links_for(user, handles)

    def replace(match: re.Match[str]) -> str:
        handle = match.group(2)
        link = links.get(handle.lower())
        if link is None:
            return f"@{escape(handle)}"
        return f'<a class="mention" href="{escape(link[0])}">{escape(link[1])}</a>'

    return MARK.sub(replace, html)


class MentionsMiddleware:
    """Links the marked mentions in every HTML response for the user who asked for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or MARKER not in response.content
        ):
            return response
        charset = response.charset or "utf-8"
        html = link_mentions(response.content.decode(charset), request.user)
        response.content = html.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
