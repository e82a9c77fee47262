"""The search pages: the results of `/search/?q=…` with facets, and the suggestions as you type
(a partial for the search box in the header).

Both read plein.search.selectors (find, suggest_entries), which filter by the visibility rule
of every kind in the query itself: the results, the total, the facet counts and the suggestions
hold only what the person may open. The results page takes a constant number of queries
whatever the number of results: the newest matches the person may see (selectors.CANDIDATES at
most; one query, or two with a kind or filter chosen, whose facets still count the others),
counted by kind, space, author and period in Python (plein.search.facets); the names of the
spaces and the authors (one query each); one page of results with their snippets; the best bets
pinned for the words (shown first)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
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

from .facets import NO_FILTERS, Facet, FacetSearch, Filters, query_string
from .forms import MAX_QUERY, SearchForm
from .misses.views import record_miss
from .models import SearchEntry
from .selectors import Hit, Hits, best_bets_for, find, shown_entries, suggest_entries

PER_PAGE = 20
ORDERS = ("relevance", "newest")
SUGGESTIONS = 8
NEAR = 5  # "perhaps you meant" when nothing was found
SUGGEST_MIN_CHARS = 2
# The kinds of post (news, blog entry...) that are worth saying next to the kind's own label.
SUBKINDS: dict[str, Promise | str] = {
    key: label for key, label in Post.Kind.choices if key != Post.Kind.POST
}


@dataclass(frozen=True)
class Result:
    kind_label: Promise | str
    subkind_label: Promise | str
    title: str
    url: str
    snippet: str  # HTML: escaped text with <mark> around the matches (selectors.shown_entries)
    created_at: datetime
    person: Person | None = None  # suggestions of people: with their photo and department


def _kind_counts(found: Hits, filters: Filters) -> dict[str, int]:
    """How many hits each kind has, narrowed by the other filters."""
    return Counter(hit.kind for hit in found.hits if filters.admits(hit))


def _facets(found: Hits, q: str, kind: str, order: str, filters: Filters) -> list[Facet]:
    counts = _kind_counts(found, filters)
    more = not found.complete
    all_kinds = query_string(q, "", order, filters)
    facets = [Facet("", _("All"), sum(counts.values()), all_kinds, more)]
    for registered in KINDS.all():
        if counts.get(registered.key) or registered.key == kind:
            count = counts.get(registered.key, 0)
            query = query_string(q, registered.key, order, filters)
            facets.append(Facet(registered.key, registered.label, count, query, more))
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


def _is_filtered(kind: str, filters: Filters) -> bool:
    return bool(kind) or filters != NO_FILTERS


def _found(
    request: AuthenticatedHttpRequest, q: str, kind: str, order: str, filters: Filters
) -> dict[str, object]:
    """The context of a search: its hits without filters give the facets; those of the kind
    and the filters (the same when there are none) give the results, a page of which is read
    with its snippets."""
    found = find(request.user, q, order=order)
    hits = found
    if _is_filtered(kind, filters):
        if found.complete:  # every match is among the hits: narrow them here, no second search
            admitted = [hit for hit in found.hits if filters.admits(hit, kind=kind)]
            hits = Hits(hits=admitted, complete=True)
        else:
            kinds = [kind] if kind else None
            hits = find(request.user, q, kinds=kinds, narrow=filters.narrow, order=order)
    filter_groups, active_filters = FacetSearch(
        request.user, q, kind, order, filters, found
    ).groups()
    page_obj: Page[Hit] = Paginator(hits.hits, PER_PAGE).get_page(request.GET.get("page"))
    shown = shown_entries(q, [hit.pk for hit in page_obj.object_list])
    return {
        "best_bets": best_bets_for(q),  # shown first, as recommended
        "facets": _facets(found, q, kind, order, filters),
        "filter_groups": filter_groups,
        "active_filters": active_filters,
        "page_obj": page_obj,
        "results": [_result(entry) for entry in shown],
        "total": len(hits.hits),
        "more": not hits.complete,  # more than `total` matched: the newest `total` are shown
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
        filtered = _is_filtered(kind, filters)
        # A search that stopped early (`more`) is not known to have found nothing.
        found = bool(context["total"] or context["more"])
        record_miss(request, q=q, found=found, filtered=filtered)
        if not context["total"]:
            context["near"] = _suggestions(request, q, limit=NEAR)
    return render(request, "search/results.html", context)


def _suggestions(request: AuthenticatedHttpRequest, q: str, *, limit: int) -> list[Result]:
    """People, spaces, pages and documents whose title starts like `q` (or, on PostgreSQL, is
    a near miss of it): the suggestions as you type, and "perhaps you meant" when nothing was
    found."""
    entries = list(suggest_entries(request.user, q, limit=limit))
    people = _suggested_people(request, entries)
    return [
        _result(entry, people.get(entry.object_id) if entry.kind == "person" else None)
        for entry in entries
    ]


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
        suggestions = _suggestions(request, q, limit=SUGGESTIONS)
    response = render(
        request, "search/partials/suggestions.html", {"q": q, "suggestions": suggestions}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
