"""Who may do what with blogs. Entries are posts: reading them follows plein.posts.permissions.

- Every active person has a blog and may write entries in it (a profile post of kind BLOG).
- A series belongs to its owner: only the owner creates, changes or deletes it and files
  entries in it. Every active person may see a series; its entries follow the post rules.
- An entry is edited and deleted as a post is (posts.permissions.can_edit_post / can_delete_post).
"""

from __future__ import annotations

from django.db.models import QuerySet

from plein.posts import permissions as post_rules

from .models import Series

User = post_rules.User


def can_write_blog(user: User) -> bool:
    return post_rules.can_post_on_profile(user)


def can_view_series(user: User, series: Series) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_series(user: User) -> QuerySet[Series]:
    if not (user.is_authenticated and user.is_active):
        return Series.objects.none()
    return Series.objects.all()


def can_edit_series(user: User, series: Series) -> bool:
    """Change, delete and file entries in a series: its owner only."""
    return can_write_blog(user) and series.owner_id == user.pk
