"""Reads about ambassadors, each in a fixed number of queries.

Whom an ambassador is for:
- a department: that department and, as a fallback, every department below it that has no
  ambassador of its own (the nearest department above with ambassadors helps a team without
  one);
- a location: the people who work there;
- neither: the whole organisation. Organisation-wide ambassadors are the last fallback for
  people whose department (and the departments above it) and location have none.

Only active people count as ambassadors; a deactivated ambassador's row is kept for the
community manager to remove, but it covers nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.people.models import Department, Location, Person
from plein.people.selectors import department_tree, directory_people
from plein.spaces.models import Space

from .models import Ambassador, EvaluationItem, EvaluationRound, EvaluationSupport
from .permissions import User, active_ambassadors

AMBASSADORS_SPACE_SLUG = "ambassadors"
PERSON_SUGGESTIONS = 10


def _with_details(queryset: QuerySet[Ambassador]) -> QuerySet[Ambassador]:
    return queryset.select_related(
        "person__department", "person__location", "department", "location"
    ).order_by("person__last_name", "person__first_name", "pk")


def ambassador_list(*, include_inactive: bool = False) -> list[Ambassador]:
    """Every ambassador with their person, department and location, by name. One query."""
    queryset = Ambassador.objects.all() if include_inactive else active_ambassadors()
    return list(_with_details(queryset))


def ambassador_of(person: Person) -> Ambassador | None:
    """The person's ambassadorship with its department and location, if they are an active
    ambassador. One query."""
    if not person.is_active:
        return None
    return Ambassador.objects.select_related("department", "location").filter(person=person).first()


def scope_label(ambassador: Ambassador) -> str:
    """Whom the ambassador is for, to follow "Ambassador for": a department, a location, both,
    or the whole organisation."""
    department, location = ambassador.department, ambassador.location
    if department is not None and location is not None:
        return _("%(department)s in %(location)s") % {
            "department": department.name,
            "location": location.name,
        }
    if department is not None:
        return department.name
    if location is not None:
        return location.name
    return _("the whole organisation")


def ambassadors_space() -> Space | None:
    """The ambassadors' space (created with the first designation), or None."""
    return Space.objects.filter(slug=AMBASSADORS_SPACE_SLUG).first()


# --- Who helps whom --------------------------------------------------------------------------


def _parents() -> dict[int, int | None]:
    return dict(Department.objects.values_list("pk", "parent_id"))


@dataclass
class _Index:
    """Ambassadors by department and location, with the department tree's parent links."""

    ambassadors: Iterable[Ambassador]
    parents: dict[int, int | None]
    by_department: dict[int, list[Ambassador]] = field(default_factory=dict)
    by_location: dict[int, list[Ambassador]] = field(default_factory=dict)
    organisation_wide: list[Ambassador] = field(default_factory=list)

    def __post_init__(self) -> None:
        for ambassador in self.ambassadors:
            if ambassador.department_id is not None:
                self.by_department.setdefault(ambassador.department_id, []).append(ambassador)
            if ambassador.location_id is not None:
                self.by_location.setdefault(ambassador.location_id, []).append(ambassador)
            if ambassador.department_id is None and ambassador.location_id is None:
                self.organisation_wide.append(ambassador)

    def nearest(self, department_id: int | None) -> tuple[int | None, list[Ambassador]]:
        """The department's own ambassadors, else those of the nearest department above it
        that has some; with the id of the department they are for."""
        seen: set[int] = set()
        current = department_id
        while current is not None and current not in seen:
            if current in self.by_department:
                return current, self.by_department[current]
            seen.add(current)
            current = self.parents.get(current)
        return None, []

    def for_department(self, department_id: int | None) -> list[Ambassador]:
        _found_at, ambassadors = self.nearest(department_id)
        return ambassadors or self.organisation_wide

    def for_person(self, person: Person) -> list[Ambassador]:
        _found_at, found = self.nearest(person.department_id)
        found = found + self.by_location.get(person.location_id or 0, [])
        unique = list({ambassador.pk: ambassador for ambassador in found}.values())
        return [a for a in unique if a.person_id != person.pk] or [
            a for a in self.organisation_wide if a.person_id != person.pk
        ]


def ambassadors_for_person(person: Person) -> list[Ambassador]:
    """The person's own ambassadors, as "your ambassadors" on the ambassadors page shows them:
    those of their department (or the nearest one above it that has some) and of their
    location; else the organisation-wide ones. Never the person. Two queries."""
    return _Index(ambassador_list(), _parents()).for_person(person)


def ambassadors_of(asker: Person) -> list[Person]:
    """The ambassadors a person turns to (ambassadors_for_person: the same people the
    ambassadors page calls theirs). Not every ambassador when there are none: in a big
    organisation that would send one department's questions to dozens of people; the coverage
    page shows such departments. Active people; never the asker (the selector leaves them out)."""
    ambassador_ids = {a.person_id for a in ambassadors_for_person(asker)}
    return list(Person.objects.filter(is_active=True, pk__in=ambassador_ids).order_by("pk"))


@dataclass
class AmbassadorPage:
    mine: list[Ambassador]
    ambassadors: list[Ambassador]


def ambassador_page(user: Person) -> AmbassadorPage:
    """For the ambassadors page: the user's own ambassadors (department, with the fallback
    above, and location) and every ambassador. Two queries."""
    ambassadors = ambassador_list()
    index = _Index(ambassadors, _parents())
    return AmbassadorPage(mine=index.for_person(user), ambassadors=ambassadors)


# --- Coverage --------------------------------------------------------------------------------


@dataclass
class DepartmentCoverage:
    department: Department
    depth: int
    people: int  # active people in the department itself
    people_total: int  # ... and in every department below it
    ambassadors: list[Person]  # its own
    parent: Department | None = None
    helped_by: Department | None = None  # the department above whose ambassadors help it
    inherited: list[Person] = field(default_factory=list)

    @property
    def is_covered(self) -> bool:
        return bool(self.ambassadors or self.inherited)

    @property
    def needs_ambassador(self) -> bool:
        """People work here (or below) and no ambassador is for them."""
        return self.people_total > 0 and not self.is_covered


@dataclass
class LocationCoverage:
    location: Location
    people: int
    ambassadors: list[Person]

    @property
    def needs_ambassador(self) -> bool:
        return self.people > 0 and not self.ambassadors


@dataclass
class Coverage:
    departments: list[DepartmentCoverage]
    locations: list[LocationCoverage]
    organisation_wide: list[Person]

    @property
    def departments_with_people(self) -> list[DepartmentCoverage]:
        return [row for row in self.departments if row.people_total > 0]

    @property
    def uncovered_departments(self) -> list[Department]:
        """Departments with people that no ambassador is for (not even one above them)."""
        return [row.department for row in self.departments if row.needs_ambassador]

    @property
    def uncovered_locations(self) -> list[Location]:
        return [row.location for row in self.locations if row.needs_ambassador]


def _people(ambassadors: Iterable[Ambassador]) -> list[Person]:
    return [ambassador.person for ambassador in ambassadors]


def coverage() -> Coverage:
    """Per department (depth-first, top-level first) and per location: how many active people
    work there and who their ambassadors are; flags where there are none. Three queries."""
    tree = department_tree(
        Department.objects.annotate(
            member_count=Count("members", filter=Q(members__is_active=True))
        )
    )
    locations = list(
        Location.objects.annotate(member_count=Count("people", filter=Q(people__is_active=True)))
    )
    parents = {department.pk: department.parent_id for department, _depth in tree}
    index = _Index(ambassador_list(), parents)
    by_pk = {department.pk: department for department, _depth in tree}

    totals: dict[int, int] = dict.fromkeys(by_pk, 0)
    for department, _depth in tree:
        seen: set[int] = set()
        current: int | None = department.pk
        while current is not None and current in totals and current not in seen:
            totals[current] += department.member_count  # type: ignore[attr-defined]
            seen.add(current)
            current = parents.get(current)

    rows = []
    for department, depth in tree:
        row = DepartmentCoverage(
            department=department,
            depth=depth,
            people=department.member_count,  # type: ignore[attr-defined]
            people_total=totals[department.pk],
            ambassadors=_people(index.by_department.get(department.pk, [])),
            parent=by_pk.get(department.parent_id or 0),
        )
        if not row.ambassadors:
            found_at, inherited = index.nearest(department.pk)
            if found_at is not None:
                row.helped_by = by_pk.get(found_at)
                row.inherited = _people(inherited)
        rows.append(row)
    return Coverage(
        departments=rows,
        locations=[
            LocationCoverage(
                location=location,
                people=location.member_count,  # type: ignore[attr-defined]
                ambassadors=_people(index.by_location.get(location.pk, [])),
            )
            for location in locations
        ],
        organisation_wide=_people(index.organisation_wide),
    )


# --- Finding the colleague to designate ------------------------------------------------------


def person_suggestions(user: User, q: str) -> list[Person]:
    """Active colleagues whose name, job title or e-mail match every word typed."""
    q = q.strip()
    if len(q) < 2:
        return []
    return list(directory_people(user, q=q)[:PERSON_SUGGESTIONS])


def person_find(user: User, text: str) -> list[Person]:
    """The active colleagues meant by `text`: the one with that e-mail address; else the one
    whose full name it is; else everyone it matches (at most PERSON_SUGGESTIONS)."""
    text = " ".join(text.split())
    if not text:
        return []
    people = directory_people(user)
    by_email = list(people.filter(email__iexact=text)[:1])
    if by_email:
        return by_email
    found = person_suggestions(user, text)
    exact = [person for person in found if person.full_name.casefold() == text.casefold()]
    return exact if len(exact) == 1 else found


# --- Evaluation rounds -----------------------------------------------------------------------

SUMMARY_TOP = 5


def current_round() -> EvaluationRound | None:
    """The round open now (not closed, end date not passed), if any. One query."""
    return (
        EvaluationRound.objects.filter(closed_at__isnull=True, ends_on__gte=timezone.localdate())
        .order_by("-opened_at", "-pk")
        .first()
    )


def round_get(pk: int) -> EvaluationRound | None:
    return EvaluationRound.objects.filter(pk=pk).first()


def round_list() -> list[EvaluationRound]:
    """Every round, newest first, with `item_count`. One query."""
    return list(EvaluationRound.objects.annotate(item_count=Count("items")))


def item_get(evaluation: EvaluationRound, pk: int) -> EvaluationItem | None:
    """An item of this round, with its round, author and department, its `support_count`.
    One query."""
    item = (
        EvaluationItem.objects.select_related("author", "department")
        .annotate(support_count=Count("supports"))
        .filter(round=evaluation, pk=pk)
        .first()
    )
    if item is not None:
        item.round = evaluation
    return item


def _items(evaluation: EvaluationRound, user: User | None = None) -> list[EvaluationItem]:
    queryset = (
        EvaluationItem.objects.filter(round=evaluation)
        .select_related("author", "department")
        .annotate(support_count=Count("supports"))
        .order_by("-support_count", "created_at", "pk")
    )
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            supported=Exists(
                EvaluationSupport.objects.filter(item=OuterRef("pk"), person_id=user.pk)
            )
        )
    items: list[EvaluationItem] = list(queryset)
    for item in items:
        item.round = evaluation
    return items


@dataclass
class Column:
    kind: str
    label: str
    items: list[EvaluationItem]


def _kind_labels() -> list[tuple[str, str]]:
    return [
        (EvaluationItem.Kind.TIP, _("Tips")),
        (EvaluationItem.Kind.TOP, _("Tops")),
        (EvaluationItem.Kind.FLOP, _("Flops")),
    ]


def board(evaluation: EvaluationRound, user: User) -> list[Column]:
    """The round's items in three columns (tips, tops, flops), most supported first, each with
    `support_count` and whether the user supports it (`supported`). One query."""
    items = _items(evaluation, user)
    return [
        Column(kind, label, [item for item in items if item.kind == kind])
        for kind, label in _kind_labels()
    ]


@dataclass
class DepartmentCounts:
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def tip(self) -> int:
        return self.counts[EvaluationItem.Kind.TIP]

    @property
    def top(self) -> int:
        return self.counts[EvaluationItem.Kind.TOP]

    @property
    def flop(self) -> int:
        return self.counts[EvaluationItem.Kind.FLOP]


@dataclass
class Summary:
    round: EvaluationRound
    items: list[EvaluationItem]  # by kind (tip, top, flop), then most supported first
    columns: list[Column]  # per kind: the SUMMARY_TOP most supported
    counts: dict[str, int]
    participants: int
    supports: int
    departments: list[DepartmentCounts]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, label, count) for tips, tops and flops."""
        return [(kind, label, self.counts[kind]) for kind, label in _kind_labels()]


def summary(evaluation: EvaluationRound) -> Summary:
    """The round summed up for the project team: counts per kind, the most supported tips,
    tops and flops, counts per department. One query."""
    items = _items(evaluation)
    kinds = [kind for kind, _label in _kind_labels()]
    order = {kind: index for index, kind in enumerate(kinds)}
    items.sort(key=lambda item: order.get(item.kind, len(kinds)))  # stable: support order kept
    counts = dict.fromkeys(kinds, 0)
    by_department: dict[str, dict[str, int]] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
        name = item.department.name if item.department else ""
        row = by_department.setdefault(name, dict.fromkeys(kinds, 0))
        row[item.kind] = row.get(item.kind, 0) + 1
    departments = [
        DepartmentCounts(name or _("No department"), row) for name, row in by_department.items()
    ]
    departments.sort(key=lambda row: (-row.total, row.name.casefold()))
    return Summary(
        round=evaluation,
        items=items,
        columns=[
            Column(
                kind,
                label,
                [item for item in items if item.kind == kind][:SUMMARY_TOP],
            )
            for kind, label in _kind_labels()
        ],
        counts=counts,
        participants=len({item.author_id for item in items}),
        supports=sum(item.support_count for item in items),  # type: ignore[attr-defined]
        departments=departments,
    )
