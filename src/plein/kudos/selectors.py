"""Reads about kudos and the spotlight, built on the posts' visibility rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from plein.people.models import Person
from plein.people.permissions import can_view_profile, visible_people
from plein.people.selectors import directory_people
from plein.posts.models import Post
from plein.posts.permissions import listed_among, visible_posts
from plein.posts.selectors import Cursor, FeedPage, _page, decorate, with_cards
from plein.spaces.permissions import User

from .models import Badge, KudosDetails, Spotlight

PROFILE_KUDOS = 3
RECIPIENT_RESULTS = 10


def attach_kudos(posts: Sequence[Any], user: Any) -> None:
    """For the stream cards: each kudos post's details (recipient and badge) in one query."""
    details = {
        row.post_id: row
        for row in KudosDetails.objects.filter(post_id__in=[p.pk for p in posts]).select_related(
            "recipient", "badge"
        )
    }
    for post in posts:
        post.kudos = details.get(post.pk)


def visible_kudos(user: User) -> QuerySet[Post]:
    return visible_posts(user).filter(kind=Post.Kind.KUDOS, kudos_details__isnull=False)


def kudos_wall(user: User, *, cursor: Cursor | None = None, size: int | None = None) -> FeedPage:
    """Every kudos the user may see, newest first, as stream cards."""
    return _page(visible_kudos(user), user, cursor, size)


def kudos_for_person(user: User, person: Person, *, limit: int | None = None) -> list[Post]:
    """The kudos the person received that the user may see, newest first, ready for cards."""
    posts = with_cards(visible_kudos(user).filter(kudos_details__recipient=person), user)
    posts = posts.order_by("-created_at", "-pk")
    return decorate(list(posts[:limit] if limit else posts), user)


def kudos_received_count(person: Person) -> int:
    """Kudos the person received (not removed, published: kudos are for everyone)."""
    return KudosDetails.objects.filter(
        recipient=person, post__deleted_at__isnull=True, post__created_at__lte=timezone.now()
    ).count()


def badges() -> QuerySet[Badge]:
    """All badges in their order, the ones no longer offered too."""
    return Badge.objects.all()


def recipient_candidates(user: User, q: str) -> list[Person]:
    """Colleagues to give kudos to, found like in the people directory (not the user)."""
    if not q.strip():
        return []
    return list(directory_people(user, q=q).exclude(pk=user.pk or 0)[:RECIPIENT_RESULTS])


def recipient_get(user: User, pk: object) -> Person | None:
    try:
        pk = int(str(pk))
    except ValueError:
        return None
    return visible_people(user).filter(pk=pk, is_active=True).select_related("department").first()


def _on(today: date | None) -> date:
    return today or timezone.localdate()


def current_spotlights(user: User, today: date | None = None) -> list[Spotlight]:
    """What is in the spotlight today for the start page (kudos/partials/spotlight_widget.html,
    as `spotlights`): active people and posts the user may see, the newest first.

    Today's few rows come first, with their person or post (one query, the only one when there
    are none); the rules then judge just those: can_view_profile for an active person, and
    listed_among (what visible_posts would list) for the posts."""
    today = _on(today)
    rows = list(
        Spotlight.objects.filter(starts_on__lte=today, ends_on__gte=today)
        .select_related("person__department", "post__author", "post__space")
        .order_by("-starts_on", "-pk")
    )
    posts = listed_among(user, [row.post for row in rows if row.post is not None])
    return [
        row
        for row in rows
        if row.post_id in posts
        or (row.person is not None and row.person.is_active and can_view_profile(user, row.person))
    ]


@dataclass
class SpotlightOverview:
    current: list[Spotlight]
    planned: list[Spotlight]
    past: list[Spotlight]


PAST_SPOTLIGHTS = 20


def spotlight_overview(today: date | None = None) -> SpotlightOverview:
    """For the community managers' page: everything current, planned, and the latest past."""
    today = _on(today)
    rows = Spotlight.objects.select_related("person", "post__author", "created_by")
    return SpotlightOverview(
        current=list(
            rows.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on", "pk")
        ),
        planned=list(rows.filter(starts_on__gt=today).order_by("starts_on", "pk")),
        past=list(rows.filter(ends_on__lt=today).order_by("-ends_on", "-pk")[:PAST_SPOTLIGHTS]),
    )


def spotlight_get(pk: int) -> Spotlight | None:
    return Spotlight.objects.select_related("person", "post__author").filter(pk=pk).first()
