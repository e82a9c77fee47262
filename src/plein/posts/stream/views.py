"""The activity streams: home, space, person and hashtag, and the mention suggestions.

Each stream renders a first page inside a bigger page (the start page, a space, a profile) and
serves later pages at its own URL: a full page without JavaScript, only the next slice of items
for htmx's "more" button.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.people.availability.labels import away_detail
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space
from plein.spaces.selectors import space_get

from .. import permissions, selectors, services
from ..selectors import Cursor, FeedPage


def _since(request: AuthenticatedHttpRequest) -> datetime | None:
    return parse_datetime(request.GET.get("since", ""))


def stream_context(
    page: FeedPage,
    *,
    url: str,
    since: datetime | None = None,
    continued_from: Cursor | None = None,
    label: str = "",
) -> dict[str, Any]:
    """What partials/feed_page.html needs: the posts, where "more" leads, and where the posts
    that are new since the last visit end."""
    posts = page.posts
    previous_was_new = bool(since and continued_from and continued_from.created_at > since)
    marker_at = None
    for index, post in enumerate(posts):
        post.is_new = bool(since and post.created_at > since)  # type: ignore[attr-defined]
        was_new = posts[index - 1].is_new if index else previous_was_new  # type: ignore[attr-defined]
        if marker_at is None and was_new and not post.is_new:  # type: ignore[attr-defined]
            marker_at = index
    more_url = ""
    if page.next_cursor is not None:
        query = {"before": page.next_cursor.encode()}
        if since:
            query["since"] = since.isoformat()
        more_url = f"{url}?{urlencode(query)}"
    return {
        "stream_posts": posts,
        "stream_more_url": more_url,
        "stream_marker_at": marker_at,
        "stream_new_count": sum(1 for post in posts if post.is_new),  # type: ignore[attr-defined,misc]
        "stream_label": label,
        "stream_continued": continued_from is not None,
    }


def render_stream(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """An htmx "more" request gets only the next slice; otherwise the whole page."""
    if request.htmx and not request.htmx.history_restore_request:  # type: ignore[attr-defined]
        return render(request, "posts/partials/feed_page.html", {**context, "heading_level": 3})
    return render(request, template, context)


def home_stream_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The first page of the home stream for the start page; records this visit, so the posts
    that are new since the previous one are marked."""
    since = services.feed_visit_record(person=request.user)
    page = selectors.home_feed(request.user)
    return {
        **stream_context(page, url=reverse("posts:feed"), since=since),
        "composer_space": None,
        "can_announce": permissions.can_post_announcement(request.user),
        "can_post": permissions.can_post_on_profile(request.user),
    }


@login_required
@require_safe
def home_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    cursor = Cursor.decode(request.GET.get("before"))
    page = selectors.home_feed(request.user, cursor=cursor)
    context = stream_context(
        page, url=reverse("posts:feed"), since=_since(request), continued_from=cursor
    )
    return render_stream(request, "posts/feed.html", {**context, "heading_kind": "home"})


def space_stream_context(request: AuthenticatedHttpRequest, space: Space) -> dict[str, Any]:
    """Pinned posts, the composer for members and the first page of a space's stream."""
    if not space_rules.can_view_space_content(request.user, space):
        return {"stream_hidden": True}
    page = selectors.space_feed(request.user, space)
    return {
        **stream_context(page, url=reverse("posts:space_feed", args=[space.slug])),
        "pinned_posts": selectors.pinned_posts(request.user, space),
        "composer_space": space,
        "can_post": permissions.can_post_in_space(request.user, space),
        "can_announce": False,
    }


@login_required
@require_safe
def space_feed(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    space = space_get(slug, request.user)
    if space is None or not space_rules.can_view_space_content(request.user, space):
        raise Http404
    cursor = Cursor.decode(request.GET.get("before"))
    page = selectors.space_feed(request.user, space, cursor=cursor)
    context = stream_context(
        page, url=reverse("posts:space_feed", args=[space.slug]), continued_from=cursor
    )
    return render_stream(
        request, "posts/feed.html", {**context, "heading_kind": "space", "space": space}
    )


def person_stream_context(request: AuthenticatedHttpRequest, person: Person) -> dict[str, Any]:
    """A person's posts (where the viewer may see them) for their profile page: the context of
    posts/partials/stream.html there, and of the follow button in the profile's header."""
    page = selectors.person_feed(request.user, person)
    is_own = person.pk == request.user.pk
    label = _("Your posts") if is_own else _("Posts by %(name)s") % {"name": person.first_name}
    return {
        **stream_context(page, url=reverse("posts:person_feed", args=[person.pk]), label=label),
        "composer_space": None,
        "can_post": is_own and permissions.can_post_on_profile(request.user),
        "can_announce": False,
        "can_follow": permissions.can_follow_person(request.user, person.pk),
        "is_following": person.pk in selectors.followed_people_ids(request.user),
    }


@login_required
@require_safe
def person_feed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = Person.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    cursor = Cursor.decode(request.GET.get("before"))
    page = selectors.person_feed(request.user, person, cursor=cursor)
    context = stream_context(
        page, url=reverse("posts:person_feed", args=[person.pk]), continued_from=cursor
    )
    return render_stream(
        request, "posts/feed.html", {**context, "heading_kind": "person", "person": person}
    )


@login_required
@require_safe
def hashtag(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    tag = selectors.hashtag_get(name)
    if tag is None:
        raise Http404
    cursor = Cursor.decode(request.GET.get("before"))
    page = selectors.hashtag_feed(request.user, tag, cursor=cursor)
    context = stream_context(
        page, url=reverse("posts:hashtag", args=[tag.name]), continued_from=cursor
    )
    return render_stream(request, "posts/hashtag.html", {**context, "hashtag": tag})


@login_required
@require_safe
def mention_suggestions(request: AuthenticatedHttpRequest) -> JsonResponse:
    """People and (visible) spaces for the @-autocomplete: what to show and what to insert."""
    q = request.GET.get("q", "").strip()[:60]
    results = []
    for item in selectors.mention_suggestions(request.user, q):
        if isinstance(item, Person):
            results.append(
                {
                    "kind": "person",
                    "label": item.get_full_name(),
                    "detail": away_detail(
                        item, item.job_title or (str(item.department) if item.department else "")
                    ),
                    "insert": item.email.rsplit("@", 1)[0],
                }
            )
        else:
            results.append({"kind": "space", "label": item.name, "detail": "", "insert": item.slug})
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store"
    return response
