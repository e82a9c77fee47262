from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from .common import MAX_ID, PersonRef, Text, web_url

ReactionKind = Literal["like", "love", "celebrate", "insightful", "funny"]


class SpaceRef(Schema):
    id: int
    slug: str
    name: str


class PostOut(Schema):
    """A post (or news item, blog entry, kudos...) as its card shows it."""

    id: int
    kind: str
    title: str
    body: str = Field(description="The text as written (Markdown-like, with @mentions).")
    body_html: str = Field(description="The text as shown: sanitised HTML.")
    author: PersonRef
    space: SpaceRef | None
    is_announcement: bool
    created_at: datetime
    edited_at: datetime | None
    comment_count: int
    reaction_counts: dict[str, int]
    my_reaction: str | None
    can_edit: bool
    can_delete: bool
    can_respond: bool
    url: str

    @staticmethod
    def resolve_my_reaction(obj: Any) -> str | None:
        return getattr(obj, "my_reaction", None)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return web_url(obj)


class PostsPage(Schema):
    items: list[PostOut]
    next: str | None


class PostFilters(Schema):
    space: Text | None = Field(None, max_length=140, description="A space's web address (slug).")
    author: int | None = Field(None, ge=1, le=MAX_ID, description="A person's id.")
    kind: Text | None = Field(None, max_length=10, description="post, news, blog, kudos...")


class PostIn(Schema):
    body: Text = Field(min_length=1, max_length=10000)
    space: Text | None = Field(
        None, max_length=140, description="A space's slug; without it, on your own profile."
    )


class PostEdit(Schema):
    body: Text = Field(min_length=1, max_length=10000)


class CommentOut(Schema):
    id: int
    body: str
    body_html: str
    author: PersonRef
    parent_id: int | None
    created_at: datetime
    edited_at: datetime | None
    reaction_count: int
    my_reaction: str | None
    can_edit: bool
    can_delete: bool

    @staticmethod
    def resolve_reaction_count(obj: Any) -> int:
        return int(getattr(obj, "reaction_count", 0) or 0)

    @staticmethod
    def resolve_my_reaction(obj: Any) -> str | None:
        return getattr(obj, "my_reaction", None)

    @staticmethod
    def resolve_can_edit(obj: Any) -> bool:
        return bool(getattr(obj, "can_edit", False))

    @staticmethod
    def resolve_can_delete(obj: Any) -> bool:
        return bool(getattr(obj, "can_delete", False))


class CommentIn(Schema):
    body: Text = Field(min_length=1, max_length=5000)
    parent: int | None = Field(None, ge=1, le=MAX_ID, description="The comment you reply to.")


class CommentEdit(Schema):
    body: Text = Field(min_length=1, max_length=5000)


class ReactionIn(Schema):
    kind: ReactionKind


class ReactionOut(Schema):
    kind: str | None
