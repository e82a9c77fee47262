"""Reads about news, built on the posts rules (visible_posts) so the one model holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.models import Department, Location
from plein.posts import selectors as post_selectors
from plein.posts.models import Post
from plein.posts.permissions import User, visible_posts

from . import permissions
from .models import NewsItem, ReadConfirmation

ARCHIVE_PAGE_SIZE = 20


def attach_news(posts: Sequence[Post], user: User) -> None:
    """Give each news post on a page its details (post.news, with news.confirmed_by_me and
    news.can_confirm) in one query."""
    user_id = int(user.pk or 0)
    mine = ReadConfirmation.objects.filter(news=OuterRef("pk"), person_id=user_id)
    items = {
        item.pk: item
        for item in NewsItem.objects.filter(post_id__in=[p.pk for p in posts]).annotate(
            confirmed_by_me=Exists(mine)
        )
    }
    for post in posts:
        item = items.get(post.pk)
        post.news = item  # type: ignore[attr-defined]
        if item is not None:
            item.can_confirm = item.must_read and permissions.can_confirm_read(  # type: ignore[attr-defined]
                user, post, item
            )


def visible_news(user: User) -> QuerySet[Post]:
    """News posts the user may read. Every news post has its NewsItem (news_create writes both in
    one transaction, and the item goes only with its post), so this does not join the items: the
    lists walk post_kind_stream_idx newest first and stop after a page, where a join made
    PostgreSQL read every news item ever written first."""
    return visible_posts(user).filter(kind=Post.Kind.NEWS)


def news_get(user: User, pk: int) -> Post | None:
    """The news post with everything its page shows (post.news), if the user may see it."""
    post = post_selectors.post_get(user, pk)
    if post is None or post.kind != Post.Kind.NEWS or getattr(post, "news", None) is None:
        return None
    return post


def featured_news(user: User, limit: int = 3) -> list[Post]:
    """Featured news the user may see, newest first, each with post.news: for the start page,
    which shows their titles, leads and pictures (one query)."""
    posts = visible_news(user).filter(news_details__featured=True).select_related("news_details")
    rows = list(posts.order_by("-created_at", "-pk")[:limit])
    for post in rows:
        post.news = post.news_details  # type: ignore[attr-defined]
    return rows


@dataclass(frozen=True)
class ArchiveFilters:
    q: str = ""
    department: Department | None = None
    location: Location | None = None
    year: int | None = None
    month: int | None = None
    must_read: bool = False
    featured: bool = False


def news_archive(user: User, filters: ArchiveFilters, *, page: Any = 1) -> Page[Post]:
    """A page of the news the user may see, newest first, with post.news on each."""
    posts = visible_news(user)
    if filters.q:
        posts = posts.filter(
            Q(title__icontains=filters.q) | Q(news_details__lead__icontains=filters.q)
        )
    if filters.department is not None:
        through = Post.audience_departments.through.objects.filter(
            post_id=OuterRef("pk"), department_id=filters.department.pk
        )
        posts = posts.filter(Exists(through))
    if filters.location is not None:
        at_location = Post.audience_locations.through.objects.filter(
            post_id=OuterRef("pk"), location_id=filters.location.pk
        )
        posts = posts.filter(Exists(at_location))
    if filters.year:
        posts = posts.filter(created_at__year=filters.year)
        if filters.month:
            posts = posts.filter(created_at__month=filters.month)
    if filters.must_read:
        posts = posts.filter(news_details__must_read=True)
    if filters.featured:
        posts = posts.filter(news_details__featured=True)
    posts = posts.select_related("author", "news_details").order_by("-created_at", "-pk")
    result = Paginator(posts, ARCHIVE_PAGE_SIZE).get_page(page)
    rows = list(result.object_list)
    mine = set(
        ReadConfirmation.objects.filter(
            news_id__in=[p.pk for p in rows], person_id=int(user.pk or 0)
        ).values_list("news_id", flat=True)
    )
    now = timezone.now()
    rows = [post for post in rows if getattr(post, "news_details", None) is not None]
    for post in rows:
        post.is_planned = post.created_at > now  # type: ignore[attr-defined]
        post.news = post.news_details  # type: ignore[attr-defined]
        post.news.confirmed_by_me = post.pk in mine  # type: ignore[attr-defined]
    result.object_list = rows
    return result


def archive_years(user: User) -> list[int]:
    return [d.year for d in visible_news(user).dates("created_at", "year", order="DESC")]


@dataclass
class DepartmentReport:
    name: str
    confirmed: list[Any] = field(default_factory=list)
    not_confirmed: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.confirmed) + len(self.not_confirmed)


@dataclass
class ReadReport:
    departments: list[DepartmentReport]
    confirmed: int
    not_confirmed: int


def read_report(item: NewsItem) -> ReadReport:
    """Who the must-read item is aimed at, by department, with who has confirmed: one query."""
    mine = ReadConfirmation.objects.filter(news=item, person=OuterRef("pk"))
    people = (
        permissions.targeted_people(item.post)
        .exclude(pk=item.post.author_id)
        .select_related("department")
        .annotate(has_confirmed=Exists(mine))
        .order_by("department__name", "first_name", "last_name", "pk")
    )
    by_department: dict[int | None, DepartmentReport] = {}
    confirmed = not_confirmed = 0
    for person in people:
        key = person.department_id
        if key not in by_department:
            name = person.department.name if person.department else _("No department")
            by_department[key] = DepartmentReport(name)
        row = by_department[key]
        if person.has_confirmed:  # type: ignore[attr-defined]
            row.confirmed.append(person)
            confirmed += 1
        else:
            row.not_confirmed.append(person)
            not_confirmed += 1
    return ReadReport(list(by_department.values()), confirmed, not_confirmed)
