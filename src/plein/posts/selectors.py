"""Reads about posts, built on the rules in permissions.py.

A page of posts costs a fixed number of queries whatever its length or the size of the
organisation: one for the page (with counts as subqueries), then one per kind of related row.
"""

from __future__ import annotations

import base64
import binascii
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from plein.core.queries import Likely
from plein.core.registries import post_kinds as kinds
from plein.people.availability.selectors import with_absences
from plein.people.models import Person
from plein.spaces import permissions as space_rules
from plein.spaces.models import Space

from .models import (
    Attachment,
    Comment,
    Hashtag,
    PersonFollow,
    Post,
    PostFollow,
    PostImage,
    Reaction,
)
from .permissions import (
    User,
    can_delete_comment,
    can_delete_post,
    can_edit_comment,
    can_edit_post,
    can_pin_post,
    can_respond,
    can_restore_post,
    can_view_post,
    comments_of,
    visible_comments,
    visible_posts,
)

COMMENT_PREVIEW = 2


@dataclass(frozen=True)
class Cursor:
    """A position in a stream: the (created_at, id) of the last post shown."""

    created_at: datetime
    pk: int

    def encode(self) -> str:
        raw = f"{self.created_at.isoformat()}|{self.pk}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        if not value:
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
            moment, pk = raw.split("|")
            created_at = parse_datetime(moment)
            return cls(created_at, int(pk)) if created_at else None
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None


@dataclass
class FeedPage:
    posts: list[Post]
    next_cursor: Cursor | None


def with_cards(posts: QuerySet[Post], user: User | None = None) -> QuerySet[Post]:
    """A post card's own rows in the same query; with a user, also their own reaction
    (my_reaction) and whether they follow or muted the post (follow_state)."""
    posts = posts.select_related("author__department", "space")
    if user is None:
        return posts
    user_id = int(user.pk or 0)
    mine = Reaction.objects.filter(post=OuterRef("pk"), person_id=user_id).values("kind")[:1]
    follow = PostFollow.objects.filter(post=OuterRef("pk"), person_id=user_id).values("state")[:1]
    return posts.annotate(my_reaction=Subquery(mine), follow_state=Subquery(follow))


def decorate(posts: Sequence[Post], user: User, *, previews: bool = True) -> list[Post]:
    """Add reactions by kind, pictures and attachments (image_list, attachment_list), the latest
    comments (unless not `previews`: a post's own page shows them all) and what the user may do
    with each post (can_edit, can_delete, can_restore, can_pin, can_respond), in a fixed number
    of queries."""
    posts = list(posts)
    if not posts:
        return posts
    images = _files_of(PostImage, [p.pk for p in posts if p.image_count])
    attachments = _files_of(Attachment, [p.pk for p in posts if p.attachment_count])
    latest = _latest_comments([p.pk for p in posts if p.comment_count]) if previews else {}
    space_rules.memberships_preload(user, {post.space_id for post in posts})
    targeted = [post for post in posts if post.is_targeted]
    if targeted:
        prefetch_related_objects(targeted, "audience_departments", "audience_locations")
    kinds.attach_all(posts, user)
    for post in posts:
        post.reaction_summary = sorted(  # type: ignore[attr-defined]
            post.reaction_counts.items(), key=lambda item: (-item[1], item[0])
        )
        post.image_list = images.get(post.pk, [])  # type: ignore[attr-defined]
        post.attachment_list = attachments.get(post.pk, [])  # type: ignore[attr-defined]
        post.latest_comments = latest.get(post.pk, [])  # type: ignore[attr-defined]
        post.can_edit = can_edit_post(user, post)  # type: ignore[attr-defined]
        post.can_delete = can_delete_post(user, post)  # type: ignore[attr-defined]
        post.can_restore = can_restore_post(user, post)  # type: ignore[attr-defined]
        post.can_pin = can_pin_post(user, post)  # type: ignore[attr-defined]
        post.can_respond = can_respond(user, post)  # type: ignore[attr-defined]
        post.card_template = kinds.card_template(post.kind)  # type: ignore[attr-defined]
        post.edit_url_name = kinds.edit_url_name(post.kind)  # type: ignore[attr-defined]
    return posts


def _files_of(
    model: type[PostImage] | type[Attachment], post_ids: list[int]
) -> dict[int, list[Any]]:
    """The pictures or attachments of these posts, by post; no query when there are none."""
    by_post: dict[int, list[Any]] = defaultdict(list)
    if post_ids:
        for row in model.objects.filter(post_id__in=post_ids).order_by("position", "pk"):
            by_post[row.post_id].append(row)
    return by_post


def _latest_comments(post_ids: list[int]) -> dict[int, list[Comment]]:
    """The newest top-level comments of each post, oldest of them first, in one query (none
    without posts). Likely(): SQLite would walk the index on parent_id through every top-level
    comment ever written instead of the posts' comments."""
    if not post_ids:
        return {}
    ranked = (
        Comment.objects.filter(
            Likely(Q(parent__isnull=True)), post_id__in=post_ids, deleted_at__isnull=True
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("post_id")],
                order_by=[F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=COMMENT_PREVIEW)
        .select_related("author")
    )
    by_post: dict[int, list[Comment]] = defaultdict(list)
    for comment in sorted(ranked, key=lambda c: (c.created_at, c.pk)):
        by_post[comment.post_id].append(comment)
    return by_post


def _page(posts: QuerySet[Post], user: User, cursor: Cursor | None, size: int | None) -> FeedPage:
    size = size or settings.PLEIN_FEED_PAGE_SIZE
    if cursor is not None:
        posts = posts.filter(
            Q(created_at__lt=cursor.created_at) | Q(created_at=cursor.created_at, pk__lt=cursor.pk)
        )
    rows = list(with_cards(posts.order_by("-created_at", "-pk"), user)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = Cursor(rows[-1].created_at, rows[-1].pk) if more else None
    return FeedPage(decorate(rows, user), next_cursor)


def home_feed(user: User, *, cursor: Cursor | None = None, size: int | None = None) -> FeedPage:
    """What happens in your spaces, from people you follow, your own posts, announcements and
    kudos."""
    user_id = int(user.pk or 0)
    followed = PersonFollow.objects.filter(follower_id=user_id).values("followed_id")
    posts = visible_posts(user).filter(
        Q(space__in=space_rules.my_spaces(user))
        | Q(author_id__in=followed)
        | Q(is_announcement=True)
        | Q(kind=Post.Kind.KUDOS)  # praise is for everyone to see
        | Q(author_id=user_id)
    )
    return _page(posts, user, cursor, size)


def space_feed(
    user: User, space: Space, *, cursor: Cursor | None = None, size: int | None = None
) -> FeedPage:
    """A space's posts, pinned ones left out (they are shown above the stream)."""
    posts = visible_posts(user).filter(space=space, pinned_at__isnull=True)
    return _page(posts, user, cursor, size)


def pinned_posts(user: User, space: Space) -> list[Post]:
    posts = visible_posts(user).filter(space=space, pinned_at__isnull=False)
    return decorate(list(with_cards(posts.order_by("-pinned_at"), user)), user)


def person_feed(
    user: User, person: Person, *, cursor: Cursor | None = None, size: int | None = None
) -> FeedPage:
    """What a person posted, where the user may see it."""
    return _page(visible_posts(user).filter(author=person), user, cursor, size)


def hashtag_feed(
    user: User, hashtag: Hashtag, *, cursor: Cursor | None = None, size: int | None = None
) -> FeedPage:
    return _page(visible_posts(user).filter(hashtags=hashtag), user, cursor, size)


def post_get(user: User, pk: int) -> Post | None:
    """The post with everything its page shows, if the user may see it (deleted ones only for
    those who may restore them)."""
    post = with_cards(Post.objects.filter(pk=pk), user).first()
    if post is None or not can_view_post(user, post):
        return None
    return decorate([post], user, previews=False)[0]


def post_comments(user: User, post: Post) -> list[Comment]:
    """Top-level comments, each with its replies, their reaction counts, the user's own reaction
    and whether the user may edit or delete each (can_edit, can_delete), in one query for a post
    the user may see (the post's own rows only: comments_of)."""
    user_id = int(user.pk or 0)
    space_rules.memberships_preload(user, [post.space_id])  # the rules ask no query per comment
    reactions = Reaction.objects.filter(comment=OuterRef("pk")).order_by()
    counted = reactions.values("comment").annotate(n=Count("pk")).values("n")
    mine = reactions.filter(person_id=user_id).values("kind")[:1]
    rows: list[Comment] = list(
        comments_of(user, post)
        .select_related("author")
        .annotate(reaction_count=Coalesce(Subquery(counted), 0), my_reaction=Subquery(mine))
        .order_by("created_at", "pk")
    )
    top: list[Comment] = []
    replies: dict[int, list[Comment]] = defaultdict(list)
    for comment in rows:
        comment.post = post  # the rules below read it; no query per comment
        comment.can_edit = can_edit_comment(user, comment)  # type: ignore[attr-defined]
        comment.can_delete = can_delete_comment(user, comment)  # type: ignore[attr-defined]
        if comment.parent_id is None:
            top.append(comment)
        else:
            replies[comment.parent_id].append(comment)
    for comment in top:
        comment.reply_list = replies.get(comment.pk, [])  # type: ignore[attr-defined]
    return top


def reactions_of(user: User, post: Post) -> list[Reaction]:
    """Who reacted how, for those who may see the post."""
    return list(
        Reaction.objects.filter(post=post, person__is_active=True)
        .select_related("person__department")
        .order_by("kind", "person__last_name", "person__first_name")
    )


def followed_people_ids(user: User) -> set[int]:
    return set(
        PersonFollow.objects.filter(follower_id=int(user.pk or 0)).values_list(
            "followed_id", flat=True
        )
    )


def mention_suggestions(user: User, q: str, *, limit: int = 8) -> list[Person | Space]:
    """People (active) and spaces (visible to the user) whose name starts with what is typed."""
    words = q.split()
    if not words:
        return []
    people = Person.objects.filter(is_active=True)
    for word in words:
        people = people.filter(
            Q(first_name__istartswith=word)
            | Q(last_name__istartswith=word)
            | Q(email__istartswith=word)
        )
    found: list[Person | Space] = list(
        with_absences(people.select_related("department")).order_by(
            "first_name", "last_name", "pk"
        )[:limit]
    )
    if len(found) < limit:
        spaces = space_rules.visible_spaces(user).filter(
            Q(name__istartswith=q) | Q(slug__istartswith=q)
        )
        found += list(spaces.order_by("name")[: limit - len(found)])
    return found


def hashtag_get(name: str) -> Hashtag | None:
    return Hashtag.objects.filter(name=name.lower()).first()


def published_posts(kind: str) -> QuerySet[Post]:
    """Posts of a kind that everyone they are meant for can read now: not deleted, not planned
    ahead, not taken down."""
    now = timezone.now()
    return Post.objects.filter(
        Q(hidden_after__isnull=True) | Q(hidden_after__gt=now),
        kind=kind,
        deleted_at__isnull=True,
        created_at__lte=now,
    )


def comment_or_404(user: Any, pk: int) -> Comment:
    """One comment the person may see, with what its pages show of its post; Http404 otherwise
    (the post's pages and the API)."""
    comment = (
        visible_comments(user)
        .select_related("post__space", "post__author", "author")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404
    return comment
