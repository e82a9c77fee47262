"""Who may write news, confirm reading it and see who read it.

News is a Post (kind NEWS), so who may see an item is the posts rule (posts.permissions:
publication window, audience, deleted). On top of that:

- editors and community managers (the right to post announcements) write and edit news and see
  the read report of a must-read item;
- a must-read item asks each person it is aimed at to confirm: an active person in its audience
  (a department includes its sub-departments; no audience means everyone), while it is published.
  `can_confirm_read` and `targeted_people` agree.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from plein.people.models import Department, Person
from plein.people.permissions import audience_of
from plein.posts import permissions as post_rules
from plein.posts.models import Post

from .models import NewsItem

User = post_rules.User


def can_write_news(user: User) -> bool:
    return post_rules.can_post_announcement(user)


def can_edit_news(user: User, post: Post) -> bool:
    return post.kind == Post.Kind.NEWS and post_rules.can_edit_post(user, post)


def can_see_report(user: User, post: Post) -> bool:
    return can_write_news(user) and post_rules.can_view_post(user, post)


def _published(post: Post) -> bool:
    now = timezone.now()
    return post.created_at <= now and (post.hidden_after is None or post.hidden_after > now)


def is_aimed_at(user: User, post: Post) -> bool:
    """The user is in the post's audience (not: may see it because they are an editor)."""
    if not post.is_targeted:
        return True
    departments, location = audience_of(user)
    return any(d.pk in departments for d in post.audience_departments.all()) or any(
        loc.pk == location for loc in post.audience_locations.all()
    )


def can_confirm_read(user: User, post: Post, item: NewsItem) -> bool:
    return (
        item.must_read
        and not post.is_deleted
        and _published(post)
        and post_rules.can_view_post(user, post)
        and is_aimed_at(user, post)
    )


def _with_sub_departments(department_ids: set[int]) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), list(department_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def targeted_people(post: Post) -> QuerySet[Person]:
    """The active people a news item is aimed at (whether or not it is published yet)."""
    people = Person.objects.filter(is_active=True)
    if not post.is_targeted:
        return people
    departments = {d.pk for d in post.audience_departments.all()}
    locations = [loc.pk for loc in post.audience_locations.all()]
    return people.filter(
        Q(department_id__in=_with_sub_departments(departments)) | Q(location_id__in=locations)
    )
