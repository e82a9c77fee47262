"""The search pages: the results of `/search/?q=…` with facets by kind, and the suggestions
as you type (a partial for the search box in the header).

Both read plein.search.selectors (search_entries, suggest_entries), which filter by the
visibility rule of every kind in the query itself: the results, the total, the facet counts and
the suggestions hold only what the person may open. The results page takes a constant number of
queries whatever the number of results: the facet counts (one grouped query, which also gives
the total) and the page of results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from plein.core.registries.search import KINDS
from plein.people.http import AuthenticatedHttpRequest
from plein.posts.models import Post

from .forms import MAX_QUERY, SearchForm
from .models import SearchEntry
from .selectors import search_entries, suggest_entries

PER_PAGE = 20
ORDERS = ("relevance", "newest")
SUGGESTIONS = 8
SUGGEST_MIN_CHARS = 2
# The kinds of post (news, blog entry...) that are worth saying next to the kind's own label.
SUBKINDS: dict[str, Promise | str] = {
    key: label for key, label in Post.Kind.choices if key != Post.Kind.POST
}


class _CountedPaginator(Paginator):
    """A paginator told its count (the sum of the facet counts) instead of asking for it."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


@dataclass(frozen=True)
class Facet:
    key: str  # "" for all kinds
    label: Promise | str
    count: int
    query: str  # the address's query string that shows this facet


@dataclass(frozen=True)
class Result:
    kind_label: Promise | str
    subkind_label: Promise | str
    title: str
    url: str
    snippet: str  # HTML: escaped text with <mark> around the matches (selectors.search_entries)
    created_at: datetime


def _query(q: str, kind: str = "", order: str = "relevance") -> str:
    params = {"q": q, "kind": kind, "order": "" if order == "relevance" else order}
    return urlencode({name: value for name, value in params.items() if value})


def _facet_counts(request: AuthenticatedHttpRequest, q: str) -> dict[str, int]:
    """How many results each kind has, in one grouped query over the same permission-filtered
    entries as the results: nothing the person may not open is counted."""
    entries = search_entries(request.user, q).order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in entries}


def _facets(counts: dict[str, int], q: str, kind: str, order: str) -> list[Facet]:
    facets = [Facet("", _("All"), sum(counts.values()), _query(q, order=order))]
    for registered in KINDS.all():
        if counts.get(registered.key) or registered.key == kind:
            count = counts.get(registered.key, 0)
            facets.append(
                Facet(registered.key, registered.label, count, _query(q, registered.key, order))
            )
    return facets


def _result(entry: SearchEntry) -> Result:
    registered = KINDS.get(entry.kind)
    return Result(
        kind_label=registered.label if registered is not None else entry.kind,
        subkind_label=SUBKINDS.get(entry.subkind, ""),
        title=entry.title,
        url=entry.url,
        snippet=getattr(entry, "snippet", ""),  # suggestions have none
        created_at=entry.created_at,
    )


def _found(request: AuthenticatedHttpRequest, q: str, kind: str, order: str) -> dict[str, object]:
    counts = _facet_counts(request, q)
    total = counts.get(kind, 0) if kind else sum(counts.values())
    entries = search_entries(request.user, q, kinds=[kind] if kind else None, order=order)
    paginator = _CountedPaginator(entries, PER_PAGE, count=total)
    page_obj: Page[SearchEntry] = paginator.get_page(request.GET.get("page"))
    return {
        "facets": _facets(counts, q, kind, order),
        "page_obj": page_obj,
        "results": [_result(entry) for entry in page_obj.object_list],
        "total": total,
        "page_query": _query(q, kind, order),
        "orders": [
            (key, label, _query(q, kind, key))
            for key, label in (("relevance", _("Best match")), ("newest", _("Newest first")))
        ],
    }


@login_required
@require_safe
def results(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    kind = request.GET.get("kind", "")
    kind = kind if KINDS.get(kind) is not None else ""
    order = request.GET.get("order", "")
    order = order if order in ORDERS else "relevance"
    context: dict[str, object] = {"form": form, "q": q, "kind": kind, "order": order}
    if q:
        context |= _found(request, q, kind, order)
    return render(request, "search/results.html", context)


@login_required
@require_safe
def suggest(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Up to SUGGESTIONS people, spaces, pages and documents matching what is typed, for the
    search box's listbox; without htmx, the results page for the same words."""
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    if not getattr(request, "htmx", False):
        address = reverse("search:results")
        return redirect(f"{address}?{urlencode({'q': q})}" if q else address)
    suggestions = []
    if len(q) >= SUGGEST_MIN_CHARS:
        entries = suggest_entries(request.user, q, limit=SUGGESTIONS)
        suggestions = [_result(entry) for entry in entries]
    response = render(
        request, "search/partials/suggestions.html", {"q": q, "suggestions": suggestions}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
