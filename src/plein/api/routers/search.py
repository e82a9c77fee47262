"""Search: the same query, rules and ranking as the search page."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from plein.core.paths import absolute_url
from plein.core.registries.search import KINDS
from plein.people.http import AuthenticatedHttpRequest
from plein.search.forms import MAX_QUERY
from plein.search.models import SearchEntry
from plein.search.selectors import find, shown_entries

from ..auth import READ
from ..pagination import PageParams
from ..schemas.common import Text

PREFIX = "/search"
router = Router(tags=["search"])


class SearchParams(Schema):
    q: Text = Field(min_length=1, max_length=MAX_QUERY, description="Words to look for.")
    kind: Text | None = Field(None, max_length=40, description="Only this kind (post, person…).")
    order: Literal["relevance", "newest"] = "relevance"


class ResultOut(Schema):
    kind: str
    subkind: str
    id: int = Field(description="The id of the object found (of its kind).")
    title: str
    snippet: str = Field(description="HTML: escaped text with <mark> around the matches.")
    url: str
    created_at: datetime


class ResultsPage(Schema):
    items: list[ResultOut]
    next: str | None
    complete: bool = Field(description="False: more matched; these are the newest of them.")


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if value.startswith("o:") and value[2:].isdigit():
            return int(value[2:])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        pass
    raise HttpError(400, _("The cursor is not valid; start again without it."))


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


@router.get("/", response=ResultsPage, auth=READ, summary=N_("Search everything you may see"))
def search(
    request: AuthenticatedHttpRequest, params: Query[SearchParams], page: Query[PageParams]
) -> dict[str, object]:
    """Posts, news, documents, wiki pages, events, spaces and people, best match first."""
    kinds = [params.kind] if params.kind and KINDS.get(params.kind) is not None else None
    if params.kind and kinds is None:
        return {"items": [], "next": None, "complete": True}
    found = find(request.user, params.q, kinds=kinds, order=params.order)
    start = _offset(page.cursor)
    hits = found.hits[start : start + page.limit]
    pks = [hit.pk for hit in hits]
    entries = shown_entries(params.q, pks)
    # (shown_entries reads what the page shows; the ids of the objects in one more query)
    object_ids = dict(SearchEntry.objects.filter(pk__in=pks).values_list("pk", "object_id"))
    items = [
        {
            "kind": entry.kind,
            "subkind": entry.subkind,
            "id": object_ids[entry.pk],
            "title": entry.title,
            "snippet": getattr(entry, "snippet", ""),
            "url": absolute_url(entry.url),
            "created_at": entry.created_at,
        }
        for entry in entries
    ]
    more = start + page.limit < len(found.hits)
    return {
        "items": items,
        "next": _cursor(start + page.limit) if more else None,
        "complete": found.complete,
    }
