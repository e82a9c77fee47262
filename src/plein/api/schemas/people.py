from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from plein.core.paths import absolute_url, path

from .common import Named, PersonRef, QueryId, Text


class PersonOut(PersonRef):
    """A colleague, as the people directory and the profile page show them."""

    first_name: str
    name_prefix: str
    last_name: str
    email: str
    phone: str
    department: Named | None
    location: Named | None
    is_active: bool
    photo_url: str | None

    @staticmethod
    def resolve_photo_url(obj: Any) -> str | None:
        return absolute_url(path("people:photo", obj.pk)) if obj.photo else None


class PersonDetailOut(PersonOut):
    """A profile: everything the profile page shows about the person themselves."""

    bio: str
    manager: Named | None
    skills: list[str]
    interests: list[str]
    date_joined: datetime

    @staticmethod
    def resolve_manager(obj: Any) -> dict[str, Any] | None:
        manager = getattr(obj, "visible_manager", None)
        return {"id": manager.pk, "name": manager.full_name} if manager else None

    @staticmethod
    def resolve_skills(obj: Any) -> list[str]:
        return [tag.name for tag in obj.skills.all()]

    @staticmethod
    def resolve_interests(obj: Any) -> list[str]:
        return [tag.name for tag in obj.interests.all()]


class PeopleFilters(Schema):
    q: Text = Field("", max_length=200, description="Words in the name, job title or e-mail.")
    department: QueryId = Field(None, description="A department, with those below it.")
    location: QueryId = None
    skill: Text = Field("", max_length=100, description="A skill or interest (name or id).")


class PeoplePage(Schema):
    items: list[PersonOut]
    next: str | None
