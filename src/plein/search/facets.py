"""The facets of the results page besides the kind: space, author and period.

They are counted in Python over the hits of the search (plein.search.selectors.find: the
newest matches the person may see), each facet narrowed by the kind and every other active
filter: nothing the person may not open is counted. When the search had more matches than it
looked at, the counts are the least there are ("1,000+"). The names of the spaces and the
authors are loaded in one query each, through their own visibility rules (visible_spaces,
visible_people): a value whose name the person may not see is left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plein.people.models import Person
from plein.people.permissions import visible_people
from plein.spaces.permissions import visible_spaces

from .models import SearchEntry
from .selectors import Hit, Hits, User

# The most frequent values a facet shows.
FACET_SIZE = 10
PERIODS: dict[str, tuple[Promise | str, timedelta]] = {
    "week": (_("Past week"), timedelta(days=7)),
    "month": (_("Past month"), timedelta(days=31)),
    "year": (_("Past year"), timedelta(days=365)),
}
MAX_ID = 2**63 - 1


def _id(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) <= MAX_ID else None


@dataclass(frozen=True)
class Filters:
    """The active filters besides the kind: a space id, an author id, a period key."""

    space: int | None = None
    author: int | None = None
    period: str = ""

    @classmethod
    def from_params(cls, params: QueryDict) -> Filters:
        period = params.get("period", "")
        return cls(
            space=_id(params.get("space", "")),
            author=_id(params.get("author", "")),
            period=period if period in PERIODS else "",
        )

    def params(self) -> dict[str, str]:
        """The filters as the parameters of an address (only the active ones)."""
        values = {"space": self.space, "author": self.author, "period": self.period}
        return {name: str(value) for name, value in values.items() if value}

    def without(self, name: str) -> Filters:
        return self.having(name, "" if name == "period" else None)

    def having(self, name: str, value: int | str | None) -> Filters:
        """These filters with `name` set to `value`."""
        values: dict[str, int | str | None] = {
            "space": self.space,
            "author": self.author,
            "period": self.period,
        }
        values[name] = value
        space, author, period = values["space"], values["author"], values["period"]
        return Filters(
            space=space if isinstance(space, int) else None,
            author=author if isinstance(author, int) else None,
            period=period if isinstance(period, str) else "",
        )

    def narrow(self, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
        if self.space is not None:
            entries = entries.filter(space_id=self.space)
        if self.author is not None:
            entries = entries.filter(author_id=self.author)
        if self.period:
            entries = entries.filter(created_at__gte=since(self.period))
        return entries

    def admits(self, hit: Hit, *, skip: str = "", kind: str = "") -> bool:
        """Whether the hit passes these filters (and `kind`), leaving out the filter `skip`."""
        return (
            (not kind or hit.kind == kind)
            and (skip == "space" or self.space is None or hit.space_id == self.space)
            and (skip == "author" or self.author is None or hit.author_id == self.author)
            and (skip == "period" or not self.period or hit.created_at >= since(self.period))
        )


def since(period: str, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - PERIODS[period][1]


NO_FILTERS = Filters()


def query_string(
    q: str, kind: str = "", order: str = "relevance", filters: Filters = NO_FILTERS
) -> str:
    """The address's query string for these words, kind, order and filters."""
    params = {"q": q, "kind": kind, "order": "" if order == "relevance" else order}
    params |= filters.params()
    return urlencode({name: value for name, value in params.items() if value})


@dataclass(frozen=True)
class Facet:
    key: str  # "" for all kinds
    label: Promise | str
    count: int
    query: str  # the address's query string that shows this facet
    more: bool = False  # the search had more matches than it counted: at least `count`


@dataclass(frozen=True)
class FacetGroup:
    key: str  # "space", "author" or "period": the parameter
    label: Promise | str
    current: str  # the active value, "" for none
    facets: list[Facet] = field(default_factory=list)


@dataclass(frozen=True)
class ActiveFilter:
    key: str
    label: Promise | str
    query: str  # the address's query string without this filter


def _top(values: Iterable[int | None]) -> dict[int, int]:
    counts = Counter(value for value in values if value is not None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
    return dict(ranked)


def _periods(hits: list[Hit]) -> dict[str, int]:
    now = timezone.now()
    return {key: sum(1 for hit in hits if hit.created_at >= since(key, now)) for key in PERIODS}


def _names(user: User, spaces: list[int], authors: list[int]) -> tuple[dict[int, str], ...]:
    space_names = dict(visible_spaces(user).filter(pk__in=spaces).values_list("pk", "name"))
    people: QuerySet[Person] = visible_people(user).filter(pk__in=authors)
    people = people.only("first_name", "name_prefix", "last_name")
    return space_names, {person.pk: person.full_name for person in people}


class FacetSearch:
    """The facets by space, author and period of a search, and its active filters, counted
    over the hits of the search without filters (`found`)."""

    def __init__(
        self, user: User, q: str, kind: str, order: str, filters: Filters, found: Hits
    ) -> None:
        self.user, self.q, self.kind, self.order, self.filters = user, q, kind, order, filters
        self.found = found

    def _hits(self, skip: str) -> list[Hit]:
        """The hits of the kind and of every active filter but `skip`."""
        return [
            hit for hit in self.found.hits if self.filters.admits(hit, skip=skip, kind=self.kind)
        ]

    def _link(self, name: str, value: int | str) -> str:
        return query_string(self.q, self.kind, self.order, self.filters.having(name, value))

    def groups(self) -> tuple[list[FacetGroup], list[ActiveFilter]]:
        spaces = _top(hit.space_id for hit in self._hits("space"))
        authors = _top(hit.author_id for hit in self._hits("author"))
        periods = _periods(self._hits("period"))
        more = not self.found.complete
        active = self.filters
        space_names, author_names = _names(
            self.user,
            [*spaces, *([active.space] if active.space is not None else [])],
            [*authors, *([active.author] if active.author is not None else [])],
        )
        groups = [
            self._group("space", _("Space"), spaces, space_names, more),
            self._group("author", _("Author"), authors, author_names, more),
            FacetGroup(
                "period",
                _("Period"),
                active.period,
                [
                    Facet(key, label, periods[key], self._link("period", key), more)
                    for key, (label, _since) in PERIODS.items()
                    if periods[key] or key == active.period
                ],
            ),
        ]
        labels: dict[str, Promise | str] = {
            "space": space_names.get(active.space or 0, _("Unknown space")),
            "author": author_names.get(active.author or 0, _("Unknown person")),
            "period": PERIODS[active.period][0] if active.period else "",
        }
        chips = [ActiveFilter(name, labels[name], self._without(name)) for name in active.params()]
        return groups, chips

    def _without(self, name: str) -> str:
        return query_string(self.q, self.kind, self.order, self.filters.without(name))

    def _group(
        self,
        name: str,
        label: Promise | str,
        counts: dict[int, int],
        names: dict[int, str],
        more: bool,
    ) -> FacetGroup:
        facets = [
            Facet(str(pk), names[pk], count, self._link(name, pk), more)
            for pk, count in counts.items()
            if pk in names
        ]
        current = getattr(self.filters, name)
        return FacetGroup(name, label, "" if current is None else str(current), facets)
