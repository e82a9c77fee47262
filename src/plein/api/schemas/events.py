from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from .common import Moment, PersonRef, Text, web_url
from .posts import SpaceRef

Category = Literal["training", "meeting", "social", "launch", "other"]


class EventOut(Schema):
    id: int
    title: str
    description: str
    description_html: str
    category: str
    space: SpaceRef | None
    location: str
    online_url: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    capacity: int | None
    going_count: int
    maybe_count: int
    waitlist_count: int
    cancelled: bool
    my_answer: str | None = Field(description="going, maybe, not or waitlisted; null: none")
    can_manage: bool
    can_rsvp: bool
    url: str

    @staticmethod
    def resolve_cancelled(obj: Any) -> bool:
        return obj.cancelled_at is not None

    @staticmethod
    def resolve_my_answer(obj: Any) -> str | None:
        return getattr(obj, "my_state", None)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return web_url(obj)


class EventDetailOut(EventOut):
    organiser: PersonRef


class EventsPage(Schema):
    items: list[EventOut]
    next: str | None


class EventFilters(Schema):
    space: Text | None = Field(None, max_length=140, description="A space's slug.")
    category: Category | None = None
    mine: bool = Field(False, description="Only events you organise or go to.")


class EventIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field("", max_length=10000)
    category: Category = "other"
    location: Text = Field("", max_length=255, description="A place; or give online_url.")
    online_url: Text = Field("", max_length=500, pattern=r"^(https?://\S+)?$")
    starts_at: Moment
    ends_at: Moment
    all_day: bool = False
    capacity: int | None = Field(None, ge=1, le=100000, description="Places; empty: no limit.")


class EventCreate(EventIn):
    space: Text | None = Field(None, max_length=140, description="Plan it in this space.")


class RsvpIn(Schema):
    state: Literal["going", "maybe", "not"]
