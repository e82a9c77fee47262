"""Rules about ideas, built on the posts' rules (an idea is a Post of kind IDEA).

An idea is organisation-wide (posted with no space): every active person sees it, votes for it
(not for their own) and comments on it. Community managers (ideas.manage_ideas) set its status.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plein.posts.models import Post
from plein.posts.permissions import can_view_post, visible_posts
from plein.spaces.permissions import User

MANAGE_IDEAS = "ideas.manage_ideas"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_ideas(user: User) -> QuerySet[Post]:
    return visible_posts(user).filter(kind=Post.Kind.IDEA, idea_details__isnull=False)


def can_view_idea(user: User, post: Post) -> bool:
    return post.kind == Post.Kind.IDEA and can_view_post(user, post)


def can_create_idea(user: User) -> bool:
    return _active(user)


def can_vote(user: User, post: Post) -> bool:
    return can_view_idea(user, post) and post.author_id != user.pk and post.deleted_at is None


def can_manage_ideas(user: User) -> bool:
    return _active(user) and user.has_perm(MANAGE_IDEAS)


def can_set_status(user: User, post: Post) -> bool:
    return can_manage_ideas(user) and can_view_idea(user, post) and post.deleted_at is None
