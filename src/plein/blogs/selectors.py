"""Reads about blogs, built on plein.posts.permissions.visible_posts (an entry is a post), so a
blog shows exactly the entries the viewer may read on any other page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.utils.html import strip_tags
from django.utils.text import Truncator

from plein.people.models import Person
from plein.posts.models import Post
from plein.posts.permissions import User, visible_posts
from plein.posts.selectors import Cursor, FeedPage, _page, post_get

from .models import BlogEntry, Series
from .permissions import can_edit_series, visible_series

EXCERPT_CHARS = 200
SERIES_LIMIT = 50


def excerpt(post: Post, chars: int = EXCERPT_CHARS) -> str:
    """The first characters of the entry as plain text (the template escapes it)."""
    text = html.unescape(strip_tags(post.body_html or post.body))
    return Truncator(" ".join(text.split())).chars(chars)


def attach_entries(posts: Sequence[Any], user: Any) -> None:
    """For a page of blog entries: each one's series (blog_series) and excerpt (blog_excerpt),
    in one query."""
    details = BlogEntry.objects.filter(post_id__in=[post.pk for post in posts])
    series = {row.post_id: row.series for row in details.select_related("series")}
    for post in posts:
        post.blog_series = series.get(post.pk)
        post.blog_excerpt = excerpt(post)


def blog_entries(user: User) -> QuerySet[Post]:
    """Every blog entry the user may read."""
    return visible_posts(user).filter(kind=Post.Kind.BLOG)


def _with_counts(series: QuerySet[Series], user: User) -> QuerySet[Series]:
    """Each series with how many of its entries the user may read (entry_count) and when the
    newest of those appeared (latest_at)."""
    entries = blog_entries(user).filter(blog_details__series=OuterRef("pk")).order_by()
    count = entries.values("blog_details__series").annotate(n=Count("pk")).values("n")
    latest = entries.order_by("-created_at").values("created_at")[:1]
    return series.select_related("owner").annotate(
        entry_count=Subquery(count, output_field=IntegerField()), latest_at=Subquery(latest)
    )


def series_list(
    user: User, *, owner: Person | None = None, limit: int = SERIES_LIMIT
) -> list[Series]:
    """Series with an entry the user may read, the most recently written in first; with
    `owner`, only theirs (and, for the owner, their empty ones too)."""
    series = _with_counts(visible_series(user).filter(owner__is_active=True), user)
    if owner is not None:
        series = series.filter(owner=owner)
    if owner is None or owner.pk != user.pk:
        series = series.filter(entry_count__gt=0)  # type: ignore[misc]
    ordered = series.order_by(F("latest_at").desc(nulls_last=True), "-created_at", "-pk")
    rows = list(ordered[:limit])
    for row in rows:
        row.can_edit = can_edit_series(user, row)  # type: ignore[attr-defined]
    return rows


def series_get(user: User, *, owner_pk: int, slug: str) -> Series | None:
    series = visible_series(user).select_related("owner").filter(owner_id=owner_pk, slug=slug)
    found = series.filter(owner__is_active=True).first()
    if found is not None:
        found.can_edit = can_edit_series(user, found)  # type: ignore[attr-defined]
    return found


def own_series(user: User) -> QuerySet[Series]:
    """The series the user may file entries in: their own."""
    return visible_series(user).filter(owner_id=int(user.pk or 0)).order_by("title", "pk")


def overview_feed(user: User, *, cursor: Cursor | None = None, size: int | None = None) -> FeedPage:
    """Recent entries from everyone, newest first."""
    return _page(blog_entries(user), user, cursor, size)


def person_blog(
    user: User, person: Person, *, cursor: Cursor | None = None, size: int | None = None
) -> FeedPage:
    return _page(blog_entries(user).filter(author=person), user, cursor, size)


def series_feed(
    user: User, series: Series, *, cursor: Cursor | None = None, size: int | None = None
) -> FeedPage:
    return _page(blog_entries(user).filter(blog_details__series=series), user, cursor, size)


def entry_get(user: User, pk: int) -> Post | None:
    """A blog entry with everything its page shows (blog_series set), if the user may read it."""
    post = post_get(user, pk)
    if post is None or post.kind != Post.Kind.BLOG:
        return None
    return post


def series_neighbours(user: User, post: Post) -> tuple[Post | None, Post | None]:
    """The entries just before and just after this one in its series, among those the user
    may read."""
    series = getattr(post, "blog_series", None)
    if series is None:
        return None, None
    entries = blog_entries(user).filter(blog_details__series=series).only("pk", "title")
    before = (
        entries.filter(created_at__lte=post.created_at)
        .exclude(pk=post.pk)
        .exclude(created_at=post.created_at, pk__gt=post.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    after = (
        entries.filter(created_at__gte=post.created_at)
        .exclude(pk=post.pk)
        .exclude(created_at=post.created_at, pk__lt=post.pk)
        .order_by("created_at", "pk")
        .first()
    )
    return before, after


def recent_blog_entries(user: User, limit: int = 3) -> list[Post]:
    """The newest entries the user may read, for a widget (one query): each with author and
    blog_series (the widget shows titles, not excerpts)."""
    posts = list(
        blog_entries(user)
        .select_related("author", "blog_details__series")
        .order_by("-created_at", "-pk")[:limit]
    )
    for post in posts:
        details = getattr(post, "blog_details", None)
        post.blog_series = details.series if details else None  # type: ignore[attr-defined]
    return posts
