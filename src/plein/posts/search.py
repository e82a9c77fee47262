"""What the site-wide search finds of posts and comments (plein.core.registries.search).

A post of every kind (news, blog entries, questions, ideas, polls, kudos are posts too) is
indexed with what its Post row holds: the title (or else the start of its text), the text
without its markup, and its hashtags; the kind's own details (a news item's lead, a blog entry's
series...) live in the kind's own app and are not indexed here. A comment (an answer to a
question too) is found under the title of its post, with the post's kind as its subkind.

Who may find what is decided by visible_posts / visible_comments, the rules of their pages; a
removed post or comment has no entry at all. services.py keeps the entries current.
"""

from __future__ import annotations

import html

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import Entry, SearchKind

from .markup import hashtags_in
from .models import Comment, Post
from .permissions import visible_comments, visible_posts

TITLE_CHARS = 120


def plain_text(body_html: str, body: str = "") -> str:
    """Rendered text without its markup (lines kept); the raw text when nothing is rendered."""
    return html.unescape(strip_tags(body_html or body)).strip()


def _title(post: Post, text: str) -> str:
    """The post's title or, without one, the first line of its text."""
    if post.title:
        return post.title
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return Truncator(" ".join(first_line.split())).chars(TITLE_CHARS)


def post_entry(post: Post) -> Entry | None:
    if post.deleted_at is not None:
        return None
    text = plain_text(post.body_html, post.body)
    return Entry(
        title=_title(post, text),
        url=post.get_absolute_url(),
        created_at=post.created_at,
        body=" ".join(text.split()),
        extra=" ".join(hashtags_in(post.body)),
        space_id=post.space_id,
        author_id=post.author_id,
        subkind=post.kind,
    )


def comment_entry(comment: Comment) -> Entry | None:
    if comment.deleted_at is not None:
        return None
    post = comment.post
    text = plain_text(comment.body_html, comment.body)
    return Entry(
        title=_title(post, plain_text(post.body_html, post.body)),
        url=comment.get_absolute_url(),
        created_at=comment.created_at,
        body=" ".join(text.split()),
        space_id=post.space_id,
        author_id=comment.author_id,
        subkind=post.kind,
    )


def _all_posts() -> QuerySet[Post]:
    return Post.objects.all()


def _all_comments() -> QuerySet[Comment]:
    return Comment.objects.select_related("post")


POST_KIND = SearchKind(
    key="post",
    order=10,
    label=_("Posts"),
    visible=visible_posts,
    entry=post_entry,
    objects=_all_posts,
)
COMMENT_KIND = SearchKind(
    key="comment",
    order=15,
    label=_("Comments"),
    visible=visible_comments,
    entry=comment_entry,
    objects=_all_comments,
)
