"""The posts app's part of "your data": the posts you wrote (of every kind: news, blogs,
questions, polls, ideas and kudos are posts too) with their images and attachments, your
comments and your reactions. Comments by others, even on your posts, are theirs: not included."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import Comment, Post, Reaction


def posts(person: Person, writer: Writer) -> None:
    rows: list[dict[str, Any]] = []
    own = (
        Post.objects.filter(author=person)
        .select_related("space")
        .prefetch_related("images", "attachments", "hashtags")
        .order_by("created_at", "pk")
    )
    for post in own:
        rows.append(
            {
                "id": post.pk,
                "kind": post.kind,
                "title": post.title,
                "body": post.body,
                "space": post.space.name if post.space else None,
                "announcement": post.is_announcement,
                "link": post.link_url or None,
                "hashtags": sorted(tag.name for tag in post.hashtags.all()),
                "created_at": post.created_at,
                "edited_at": post.edited_at,
                "deleted_at": post.deleted_at,
                "images": [
                    {"file": writer.file(image.image, f"{post.pk}"), "alt_text": image.alt_text}
                    for image in post.images.all()
                ],
                "attachments": [
                    {"name": item.name, "file": writer.file(item.file, f"{post.pk}", item.name)}
                    for item in post.attachments.all()
                ],
            }
        )
    writer.records(rows)


def comments(person: Person, writer: Writer) -> None:
    writer.records(
        Comment.objects.filter(author=person)
        .order_by("created_at", "pk")
        .values("id", "post_id", "parent_id", "body", "created_at", "edited_at", "deleted_at")
    )


def reactions(person: Person, writer: Writer) -> None:
    writer.records(
        Reaction.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values("kind", "post_id", "comment_id", "created_at")
    )


SECTIONS.register(
    Section(
        key="posts",
        order=100,
        label=_("Your posts"),
        help=_("everything you posted (news, blogs, questions, polls, ideas too), with files"),
        collect=posts,
    )
)
SECTIONS.register(
    Section(
        key="comments",
        order=110,
        label=_("Your comments"),
        help=_("your comments and answers"),
        collect=comments,
    )
)
SECTIONS.register(
    Section(
        key="reactions",
        order=120,
        label=_("Your reactions"),
        help=_("what you reacted to, and how"),
        collect=reactions,
    )
)
