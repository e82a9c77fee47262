"""Who may do what with questions. A question is a post and its answers are comments, so reading
and answering follow plein.posts.permissions (a question in a closed or secret space is seen by
whoever may read the space's content; one outside a space by every active person).

- Ask: every active person; in a space only as a member (posts.permissions.can_post_in_space).
- Answer: whoever may respond to the question (posts.permissions.can_respond).
- Vote an answer useful: whoever may read it, except its own author.
- Accept an answer: the asker, and whoever may moderate the question (space moderators,
  community managers).
- Choose helpers: people with "questions.manage_helpers" (community managers). Every active
  person may see who the helpers are.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plein.posts import permissions as post_rules
from plein.posts.models import Comment, Post
from plein.spaces.models import Space

User = post_rules.User


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_questions(user: User) -> QuerySet[Post]:
    return post_rules.visible_posts(user).filter(kind=Post.Kind.QUESTION)


def can_view_question(user: User, post: Post) -> bool:
    return post.kind == Post.Kind.QUESTION and post_rules.can_view_post(user, post)


def can_ask(user: User, space: Space | None = None) -> bool:
    if space is None:
        return post_rules.can_post_on_profile(user)
    return post_rules.can_post_in_space(user, space)


def can_answer(user: User, post: Post) -> bool:
    return post.kind == Post.Kind.QUESTION and post_rules.can_respond(user, post)


def _is_answer(comment: Comment) -> bool:
    return comment.parent_id is None and comment.post.kind == Post.Kind.QUESTION


def can_vote(user: User, answer: Comment) -> bool:
    return (
        _is_answer(answer)
        and post_rules.can_view_comment(user, answer)
        and answer.author_id != user.pk
    )


def can_accept(user: User, post: Post) -> bool:
    """Accept (or un-accept) an answer to the question."""
    if not can_answer(user, post):
        return False
    return post.author_id == user.pk or post_rules.can_moderate_post(user, post)


def can_manage_helpers(user: User) -> bool:
    return _active(user) and user.has_perm("questions.manage_helpers")


def can_view_helpers(user: User) -> bool:
    return _active(user)
