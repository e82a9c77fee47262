from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from .common import PersonRef, Text, web_url


class SpaceOut(Schema):
    """A space and where the person the token acts as stands in it."""

    id: int
    slug: str
    name: str
    description: str
    kind: str = Field(description="open, closed or secret")
    member_count: int
    membership: str | None = Field(
        description="member, invited, requested, left or removed; null when never in it"
    )
    role: str | None = Field(description="member, moderator or owner, for members")
    created_at: datetime
    url: str

    @staticmethod
    def resolve_member_count(obj: Any) -> int:
        return int(getattr(obj, "member_count", 0) or 0)

    @staticmethod
    def resolve_membership(obj: Any) -> str | None:
        mine = getattr(obj, "my_membership", None)
        return str(mine[0].state) if mine else None

    @staticmethod
    def resolve_role(obj: Any) -> str | None:
        mine = getattr(obj, "my_membership", None)
        return str(mine[0].role) if mine and mine[0].state == "member" else None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return web_url(obj)


class SpacesPage(Schema):
    items: list[SpaceOut]
    next: str | None


class SpaceFilters(Schema):
    q: Text = Field("", max_length=200, description="Words in the name or description.")
    mine: bool = Field(False, description="Only the spaces you are a member of.")


class MemberOut(Schema):
    person: PersonRef
    role: str
    joined_at: datetime = Field(alias="created_at")


class MembersPage(Schema):
    items: list[MemberOut]
    next: str | None
