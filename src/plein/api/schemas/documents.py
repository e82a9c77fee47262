from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from plein.core.paths import absolute_url, path

from .common import PersonRef, Text, web_url
from .posts import SpaceRef


class VersionOut(Schema):
    number: int
    name: str
    content_type: str
    size: int
    uploaded_at: datetime
    uploaded_by: PersonRef | None
    download_url: str = Field(description="The file, for a browser where the person is logged in.")

    @staticmethod
    def resolve_download_url(obj: Any) -> str:
        return absolute_url(path("documents:download", obj.document_id, obj.number))


class DocumentOut(Schema):
    id: int
    title: str
    description: str
    space: SpaceRef | None
    folder_id: int | None
    owner: PersonRef | None
    review_on: date | None
    is_overdue: bool
    can_change: bool
    current_version: VersionOut | None
    created_at: datetime
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return web_url(obj)


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj: Any) -> list[Any]:
        return list(getattr(obj, "version_list", []))


class DocumentsPage(Schema):
    items: list[DocumentOut]
    next: str | None


class DocumentFilters(Schema):
    space: Text | None = Field(
        None, max_length=140, description="A space's slug; without it, every library you read."
    )
