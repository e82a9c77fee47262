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

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from plein.people.models import Department, Location, Person
from plein.people.selectors import department_tree, directory_people
from plein.spaces.models import Space

from .models import Ambassador
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


def ambassadors_for_department(department: Department | None) -> list[Ambassador]:
    """The ambassadors who help the people of this department: its own; if it has none, those
    of the nearest department above it that has some; if none of those either, the
    organisation-wide ambassadors. Two queries."""
    ambassadors = ambassador_list()
    index = _Index(ambassadors, _parents())
    return index.for_department(department.pk if department is not None else None)


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
