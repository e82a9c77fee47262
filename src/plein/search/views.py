"""The search pages: the results of `/search/?q=…` with facets by kind, and the suggestions
as you type (a partial for the search box in the header).

Both read plein.search.selectors (search_entries, suggest_entries), which filter by the
visibility rule of every kind in the query itself: the results, the total, the facet counts and
the suggestions hold only what the person may open. The results page takes a constant number of
queries whatever the number of results: the facet counts (one grouped query, which also gives
the total), the page of results and the best bets pinned for the words (shown first); and the
facets by space, author and period (plein.search.facets: one grouped query each, and the names
of the spaces and the authors in one query each)."""

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
from plein.people.models import Person
from plein.people.permissions import visible_people
from plein.posts.models import Post

from .facets import Facet, FacetSearch, Filters, query_string
from .forms import MAX_QUERY, SearchForm
from .misses.views import record_miss
from .models import SearchEntry
from .selectors import best_bets_for, search_entries, suggest_entries

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
class Result:
    kind_label: Promise | str
    subkind_label: Promise | str
    title: str
    url: str
    snippet: str  # HTML: escaped text with <mark> around the matches (selectors.search_entries)
    created_at: datetime
    person: Person | None = None  # suggestions of people: with their photo and department


def _facet_counts(request: AuthenticatedHttpRequest, q: str, filters: Filters) -> dict[str, int]:
    """How many results each kind has, in one grouped query over the same permission-filtered
    entries as the results (narrowed by the other filters): nothing the person may not open is
    counted."""
    entries = filters.narrow(search_entries(request.user, q)).order_by()
    return {row["kind"]: row["n"] for row in entries.values("kind").annotate(n=Count("id"))}


def _facets(counts: dict[str, int], q: str, kind: str, order: str, filters: Filters) -> list[Facet]:
    facets = [Facet("", _("All"), sum(counts.values()), query_string(q, "", order, filters))]
    for registered in KINDS.all():
        if counts.get(registered.key) or registered.key == kind:
            count = counts.get(registered.key, 0)
            query = query_string(q, registered.key, order, filters)
            facets.append(Facet(registered.key, registered.label, count, query))
    return facets


def _result(entry: SearchEntry, person: Person | None = None) -> Result:
    registered = KINDS.get(entry.kind)
    return Result(
        kind_label=registered.label if registered is not None else entry.kind,
        subkind_label=SUBKINDS.get(entry.subkind, ""),
        title=entry.title,
        url=entry.url,
        snippet=getattr(entry, "snippet", ""),  # suggestions have none
        created_at=entry.created_at,
        person=person,
    )


def _found(
    request: AuthenticatedHttpRequest, q: str, kind: str, order: str, filters: Filters
) -> dict[str, object]:
    counts = _facet_counts(request, q, filters)
    total = counts.get(kind, 0) if kind else sum(counts.values())
    entries = search_entries(request.user, q, kinds=[kind] if kind else None, order=order)
    entries = filters.narrow(entries)
    filter_groups, active_filters = FacetSearch(request.user, q, kind, order, filters).groups()
    paginator = _CountedPaginator(entries, PER_PAGE, count=total)
    page_obj: Page[SearchEntry] = paginator.get_page(request.GET.get("page"))
    return {
        "best_bets": best_bets_for(q),  # shown first, as recommended
        "facets": _facets(counts, q, kind, order, filters),
        "filter_groups": filter_groups,
        "active_filters": active_filters,
        "page_obj": page_obj,
        "results": [_result(entry) for entry in page_obj.object_list],
        "total": total,
        "page_query": query_string(q, kind, order, filters),
        "orders": [
            (key, label, query_string(q, kind, key, filters))
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
    filters = Filters.from_params(request.GET)
    context: dict[str, object] = {
        "form": form,
        "q": q,
        "kind": kind,
        "order": order,
        "filters": filters,
    }
    if q:
        context |= _found(request, q, kind, order, filters)
        filtered = bool(kind or filters.params())
        record_miss(request, q=q, found=bool(context["total"]), filtered=filtered)
    return render(request, "search/results.html", context)


def _suggested_people(
    request: AuthenticatedHttpRequest, entries: list[SearchEntry]
) -> dict[int, Person]:
    """The people among the suggestions, with their department, in one query."""
    ids = [entry.object_id for entry in entries if entry.kind == "person"]
    people = visible_people(request.user).select_related("department").filter(pk__in=ids)
    return {person.pk: person for person in people}


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
        entries = list(suggest_entries(request.user, q, limit=SUGGESTIONS))
        people = _suggested_people(request, entries)
        suggestions = [
            _result(entry, people.get(entry.object_id) if entry.kind == "person" else None)
            for entry in entries
        ]
    response = render(
        request, "search/partials/suggestions.html", {"q": q, "suggestions": suggestions}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
