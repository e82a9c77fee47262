"""Cursor pagination: a page of `limit` items and an opaque cursor for the next page.

The cursor holds the sort values of the last item shown (keyset pagination), so a page costs
the same whatever its depth and nothing is skipped or repeated when items are added meanwhile.
Every order ends with the primary key, which makes it total.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.errors import HttpError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

M = TypeVar("M", bound=models.Model)


class PageParams(Schema):
    cursor: str | None = Field(
        None, max_length=500, description="The `next` value of the previous page."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


PageQuery = Query[PageParams]


def _encode(values: list[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(model: type[models.Model], order: Sequence[str], cursor: str) -> list[Any]:
    invalid = HttpError(400, _("The cursor is not valid; start again without it."))
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid from None
    if not isinstance(values, list) or len(values) != len(order):
        raise invalid
    decoded = []
    for name, value in zip(order, values, strict=True):
        bare = name.lstrip("-")
        field = model._meta.pk if bare == "pk" else model._meta.get_field(bare)
        if isinstance(field, models.DateTimeField):
            value = parse_datetime(value) if isinstance(value, str) else None
        elif isinstance(field, (models.AutoField, models.BigAutoField, models.IntegerField)):
            value = value if isinstance(value, int) and not isinstance(value, bool) else None
        elif not isinstance(value, str):
            value = None
        if value is None:
            raise invalid
        decoded.append(value)
    return decoded


def _after(order: Sequence[str], values: list[Any]) -> Q:
    """Rows after `values` in `order` (e.g. ("-created_at", "-pk")): a lexicographic test."""
    after = Q()
    for i, name in enumerate(order):
        field = name.lstrip("-")
        step = Q(**{f"{field}__{'lt' if name.startswith('-') else 'gt'}": values[i]})
        for before, value in zip(order[:i], values[:i], strict=True):
            step &= Q(**{before.lstrip("-"): value})
        after |= step
    return after


def paginate(
    queryset: QuerySet[M], *, order: Sequence[str], params: PageParams
) -> tuple[list[M], str | None]:
    """One page of `queryset` in `order` (which must end with "pk" or "-pk" and name only
    columns that are never null) and the cursor of the next page (None on the last page)."""
    if params.cursor:
        queryset = queryset.filter(_after(order, _decode(queryset.model, order, params.cursor)))
    rows = list(queryset.order_by(*order)[: params.limit + 1])
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    return rows, _encode([getattr(last, name.lstrip("-")) for name in order])
