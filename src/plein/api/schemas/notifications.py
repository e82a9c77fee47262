from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from plein.core.paths import absolute_url
from plein.notifications.wording import sentence, target_url

from .common import PersonRef


class NotificationOut(Schema):
    id: int
    kind: str
    text: str = Field(description="The sentence the bell shows, in the request's language.")
    actor: PersonRef | None
    post_id: int | None
    space_id: int | None
    created_at: datetime
    read: bool
    url: str = Field(description="What the notification is about.")

    @staticmethod
    def resolve_text(obj: Any) -> str:
        return sentence(obj)

    @staticmethod
    def resolve_read(obj: Any) -> bool:
        return obj.read_at is not None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return absolute_url(target_url(obj))


class NotificationsPage(Schema):
    items: list[NotificationOut]
    next: str | None


class NotificationFilters(Schema):
    unread: bool = Field(False, description="Only unread notifications.")


class UnreadCount(Schema):
    unread: int = Field(description="Unread notifications, counted up to 100.")


class MarkedRead(Schema):
    marked: int
