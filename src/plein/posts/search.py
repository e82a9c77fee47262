"""What the site-wide search finds of posts and comments (plein.core.registries.search).

A post of every kind (news, blog entries, questions, ideas, polls, kudos are posts too) is
indexed with what its Post row holds: the title (or else the start of its text), the text
without its markup, and its hashtags; and with the words its kind's app adds from its own
tables through DETAILS (plein.core.registries.search): a news item's lead, a poll's answers, a
blog entry's series, the badge and recipient of kudos, an idea's status. `attach_details` loads
those for many posts at once (the kind's `prepare`); `post_entry` of a single post loads its own.
A comment (an answer to a question too) is found under the title of its post, with the post's
kind as its subkind.

Who may find what is decided by visible_posts / visible_comments, the rules of their pages; a
removed post or comment, and a comment of a removed post, has no entry at all. services.py keeps
the entries current (a post's comments too, when the post changes); the kinds' apps index the
post again when its details change.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plein.core.registries.search import DETAILS, Entry, SearchKind

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


def _details(posts: Sequence[Post]) -> dict[int, tuple[str, str]]:
    """The words each post's kind adds, as (before its text, with its hashtags), by post id:
    one call of the kind's DETAILS function per kind."""
    by_kind: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_kind[post.kind].append(post)
    words: dict[int, tuple[str, str]] = {}
    for kind, group in by_kind.items():
        details = DETAILS.get(kind)
        if details is None:
            continue
        for pk, text in details.text(group).items():
            words[pk] = (text, "") if details.body else ("", text)
    return words


def attach_details(posts: Sequence[Post]) -> None:
    """Load the details of many posts for post_entry (the kind's `prepare`): one call per kind.
    Each post's entry uses them once; a later entry of the same post loads them afresh."""
    words = _details(posts)
    for post in posts:
        post._search_details = words.get(post.pk, ("", ""))  # type: ignore[attr-defined]


def _words(*parts: str) -> str:
    return " ".join(" ".join(parts).split())


def post_entry(post: Post) -> Entry | None:
    details = post.__dict__.pop("_search_details", None)
    if post.deleted_at is not None:
        return None
    before, extra = details if details is not None else _details([post]).get(post.pk, ("", ""))
    text = plain_text(post.body_html, post.body)
    return Entry(
        title=_title(post, text),
        url=post.get_absolute_url(),
        created_at=post.created_at,
        body=_words(before, text),
        extra=_words(" ".join(hashtags_in(post.body)), extra),
        space_id=post.space_id,
        author_id=post.author_id,
        subkind=post.kind,
    )


def comment_entry(comment: Comment) -> Entry | None:
    post = comment.post
    if comment.deleted_at is not None or post.deleted_at is not None:
        return None
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
    prepare=attach_details,
)
COMMENT_KIND = SearchKind(
    key="comment",
    order=15,
    label=_("Comments"),
    visible=visible_comments,
    entry=comment_entry,
    objects=_all_comments,
)
