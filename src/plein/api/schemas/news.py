from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from .common import MAX_ID, Moment, Text
from .posts import PostOut

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class NewsOut(PostOut):
    """A news item: its post and the news details."""

    lead: str
    featured: bool
    must_read: bool
    confirmed_by_me: bool
    can_confirm: bool
    hidden_after: datetime | None
    audience_departments: list[int]
    audience_locations: list[int]

    @staticmethod
    def resolve_lead(obj: Any) -> str:
        return str(obj.news.lead)

    @staticmethod
    def resolve_featured(obj: Any) -> bool:
        return bool(obj.news.featured)

    @staticmethod
    def resolve_must_read(obj: Any) -> bool:
        return bool(obj.news.must_read)

    @staticmethod
    def resolve_confirmed_by_me(obj: Any) -> bool:
        return bool(getattr(obj.news, "confirmed_by_me", False))

    @staticmethod
    def resolve_can_confirm(obj: Any) -> bool:
        return bool(getattr(obj.news, "can_confirm", False))

    @staticmethod
    def resolve_audience_departments(obj: Any) -> list[int]:
        return [d.pk for d in obj.audience_departments.all()] if obj.is_targeted else []

    @staticmethod
    def resolve_audience_locations(obj: Any) -> list[int]:
        return [loc.pk for loc in obj.audience_locations.all()] if obj.is_targeted else []


class NewsPage(Schema):
    items: list[NewsOut]
    next: str | None


class NewsIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    lead: Text = Field(min_length=1, max_length=300, description="One or two sentences.")
    body: Text = Field(min_length=1, max_length=10000)
    must_read: bool = Field(False, description="Readers are asked to confirm they read it.")
    featured: bool = Field(False, description="Shown on the start page.")
    publish_at: Moment | None = Field(None, description="Publish later; empty: now.")
    hidden_after: Moment | None = Field(None, description="Take it down at this moment.")
    departments: list[Id] = Field(
        [], max_length=100, description="Aim at these departments (and those below them)."
    )
    locations: list[Id] = Field([], max_length=100, description="Aim at these locations.")
