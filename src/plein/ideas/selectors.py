"""Reads about ideas, built on the posts' visibility rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from plein.posts.models import Post
from plein.posts.selectors import decorate, with_cards
from plein.spaces.permissions import User

from . import permissions
from .models import IdeaDetails, IdeaVote

SORTS = ("votes", "newest")


def attach_ideas(posts: Sequence[Any], user: Any) -> None:
    """For cards: each idea's details and whether the user supports it, in two queries."""
    ids = [p.pk for p in posts]
    details = {row.post_id: row for row in IdeaDetails.objects.filter(post_id__in=ids)}
    mine = set(
        IdeaVote.objects.filter(post_id__in=ids, person_id=user.pk or 0).values_list(
            "post_id", flat=True
        )
    )
    for post in posts:
        post.idea = details.get(post.pk)
        post.my_vote = post.pk in mine
        post.can_vote = permissions.can_vote(user, post)


def _with_votes(posts: QuerySet[Post], user: User) -> QuerySet[Post]:
    voted = IdeaVote.objects.filter(post=OuterRef("pk"), person_id=user.pk or 0)
    return posts.select_related("idea_details").annotate(voted=Exists(voted))


def board(user: User, *, status: str = "", topic: str = "", sort: str = "votes") -> QuerySet[Post]:
    ideas = permissions.visible_ideas(user)
    if status:
        ideas = ideas.filter(idea_details__status=status)
    if topic:
        ideas = ideas.filter(idea_details__topic=topic)
    order = (
        ("-idea_details__vote_count", "-created_at", "-pk")
        if sort == "votes"
        else ("-created_at", "-pk")
    )
    return _with_votes(ideas, user).select_related("author").order_by(*order)


def board_decorate(posts: Sequence[Post], user: User) -> list[Post]:
    rows = list(posts)
    for post in rows:
        post.idea = post.idea_details  # type: ignore[attr-defined]
        post.my_vote = post.voted  # type: ignore[attr-defined]
        post.can_vote = permissions.can_vote(user, post)  # type: ignore[attr-defined]
    return rows


def idea_get(user: User, pk: int) -> Post | None:
    """The idea with everything its page shows (comments, reactions), if the user may see it."""
    post = _with_votes(with_cards(Post.objects.filter(pk=pk, kind=Post.Kind.IDEA), user), user)
    found = post.filter(idea_details__isnull=False).first()
    if found is None or not permissions.can_view_idea(user, found):
        return None
    found = decorate([found], user)[0]
    return board_decorate([found], user)[0]
