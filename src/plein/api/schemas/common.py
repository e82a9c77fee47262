"""Shapes shared by several parts of the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Path, Schema
from pydantic import AfterValidator, AwareDatetime

from plein.core.paths import absolute_url

# Ids within the range every database takes: a larger number is refused (422), not sent on.
MAX_ID = 2_147_483_647
PathId = Annotated[int, Path(..., ge=1, le=MAX_ID)]
QueryId = Annotated[int | None, Field(ge=1, le=MAX_ID)]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text cannot contain NUL characters.")
    return value


# Text from outside: any string but one with NUL characters, which no database stores.
Text = Annotated[str, AfterValidator(_no_nul)]


def _reasonable(value: datetime) -> datetime:
    if not 1970 <= value.year <= 2999:
        raise ValueError("Give a moment between 1970 and 2999.")
    return value


# A moment from outside: with its time zone (an offset or Z), in a range every database takes.
Moment = Annotated[AwareDatetime, AfterValidator(_reasonable)]


def web_url(obj: Any) -> str:
    """The address of the object's page in Plein."""
    return absolute_url(obj.get_absolute_url())


class Named(Schema):
    id: int
    name: str


class PersonRef(Schema):
    """A person, briefly: who wrote something, who is a member."""

    id: int
    name: str
    job_title: str
    url: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.full_name)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return web_url(obj)


class Done(Schema):
    """The answer to an action without a result of its own."""

    ok: bool = True
