"""Reads about people, built on the rules in permissions.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Department, Location, Person, Tag
from .permissions import User, visible_people


@dataclass(frozen=True)
class Completeness:
    percentage: int
    missing: list[tuple[str, Promise]] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing


# (key, label, is-filled) — the key names the form field where it is fixed.
COMPLETENESS_ITEMS: tuple[tuple[str, Promise], ...] = (
    ("photo", _("a photo")),
    ("job_title", _("your job title")),
    ("department", _("your department")),
    ("location", _("your location")),
    ("phone", _("a phone number")),
    ("bio", _("something about yourself")),
    ("skills", _("skills")),
    ("interests", _("interests")),
)


def _is_filled(person: Person, key: str) -> bool:
    if key in ("skills", "interests"):
        # Uses prefetched tags when the caller loaded them, so lists stay at a fixed query count.
        return len(getattr(person, key).all()) > 0
    if key in ("department", "location"):
        return getattr(person, f"{key}_id") is not None
    return bool(getattr(person, key))


def profile_completeness(person: Person) -> Completeness:
    missing = [(key, label) for key, label in COMPLETENESS_ITEMS if not _is_filled(person, key)]
    filled = len(COMPLETENESS_ITEMS) - len(missing)
    return Completeness(round(100 * filled / len(COMPLETENESS_ITEMS)), missing)


def people_for_cards(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People with everything a person card shows, in a fixed number of queries."""
    qs = queryset if queryset is not None else Person.objects.all()
    return qs.select_related("department", "location")


def home_people(user: Person) -> dict[str, object]:
    """For the start page: the newest colleagues and the people in your own department."""
    visible = visible_people(user).filter(is_active=True)
    since = timezone.now() - timedelta(days=30)
    new_colleagues = list(
        people_for_cards(visible.filter(date_joined__gte=since).exclude(pk=user.pk)).order_by(
            "-date_joined"
        )[:6]
    )
    department_id = user.department_id
    colleagues = (
        list(people_for_cards(visible.filter(department_id=department_id).exclude(pk=user.pk))[:8])
        if department_id
        else []
    )
    return {"new_colleagues": new_colleagues, "department_colleagues": colleagues}


def person_with_profile(pk: int, user: User) -> Person | None:
    return (
        people_for_cards(visible_people(user))
        .select_related("manager")
        .prefetch_related(
            "skills",
            "interests",
            Prefetch("reports", queryset=Person.objects.filter(is_active=True)),
        )
        .filter(pk=pk)
        .first()
    )


# --- The organisation tree -------------------------------------------------------------------


def department_tree(queryset: QuerySet[Department] | None = None) -> list[tuple[Department, int]]:
    """Every department with its depth, depth-first and by name: for indented select lists.

    One query. A department caught in a parent cycle (possible only through bad data) is still
    listed, at the top level, rather than silently disappearing.
    """
    departments = list(queryset if queryset is not None else Department.objects.all())
    departments.sort(key=lambda d: (d.name.casefold(), d.pk))
    known = {d.pk for d in departments}
    children: dict[int | None, list[Department]] = {}
    for department in departments:
        parent = department.parent_id if department.parent_id in known else None
        children.setdefault(parent, []).append(department)

    ordered: list[tuple[Department, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for department in children.get(parent, []):
            if department.pk in seen:
                continue
            seen.add(department.pk)
            ordered.append((department, depth))
            walk(department.pk, depth + 1)

    walk(None, 0)
    for department in departments:
        if department.pk not in seen:
            seen.add(department.pk)
            ordered.append((department, 0))
            walk(department.pk, 1)
    return ordered


def department_descendant_ids(department_id: int) -> set[int]:
    """The department itself and every department below it, at any depth. One query."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found = {department_id}
    todo = [department_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def department_path(department: Department | None) -> list[Department]:
    """The department and the departments above it, top first. One query."""
    if department is None:
        return []
    by_pk = {d.pk: d for d in Department.objects.only("pk", "name", "parent_id")}
    path = [department]
    seen = {department.pk}
    parent_id = department.parent_id
    while parent_id is not None and parent_id not in seen and parent_id in by_pk:
        parent = by_pk[parent_id]
        path.append(parent)
        seen.add(parent_id)
        parent_id = parent.parent_id
    path.reverse()
    return path


# --- The directory ---------------------------------------------------------------------------

SEARCH_FIELDS = ("first_name", "name_prefix", "last_name", "job_title", "email")


def tag_find(value: str) -> Tag | None:
    """A tag by its id or (case-insensitively) by its name."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return Tag.objects.filter(pk=int(value)).first()
    return Tag.objects.filter(name__iexact=value).first()


def directory_people(
    user: User,
    *,
    q: str = "",
    department: Department | None = None,
    location: Location | None = None,
    skill: str = "",
) -> QuerySet[Person]:
    """The active colleagues this user may see, filtered for the people directory.

    q: every word must appear in the first name, prefix, last name, job title or e-mail.
    department: that department and all departments below it.
    skill: a tag id or name, which the person has as a skill or as an interest.
    """
    people = visible_people(user).filter(is_active=True)
    for word in q.split():
        match = Q()
        for field_name in SEARCH_FIELDS:
            match |= Q(**{f"{field_name}__icontains": word})
        people = people.filter(match)
    if department is not None:
        people = people.filter(department_id__in=department_descendant_ids(department.pk))
    if location is not None:
        people = people.filter(location=location)
    skill = skill.strip()
    if skill:
        tags = (
            Tag.objects.filter(pk=int(skill))
            if skill.isdigit()
            else Tag.objects.filter(name__iexact=skill)
        ).values("pk")
        skilled = Person.skills.through.objects.filter(tag_id__in=tags).values("person_id")
        interested = Person.interests.through.objects.filter(tag_id__in=tags).values("person_id")
        people = people.filter(Q(pk__in=skilled) | Q(pk__in=interested))
    return people_for_cards(people).order_by("last_name", "first_name", "pk")


def person_get(pk: int) -> Person | None:
    return Person.objects.filter(pk=pk).first()


# --- Managing the organisation ---------------------------------------------------------------


@dataclass
class DepartmentNode:
    """A department in the Management area's tree, with its sub-departments."""

    department: Department
    member_count: int  # active people in this department itself
    total_count: int = 0  # active people in it and in every department below it
    children: list[DepartmentNode] = field(default_factory=list)


def organisation_departments() -> list[DepartmentNode]:
    """The department tree, top-level departments first, each counting its active members.

    One query, however many departments and people there are.
    """
    departments = Department.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True))
    )
    roots: list[DepartmentNode] = []
    ordered: list[tuple[DepartmentNode, DepartmentNode | None]] = []
    path: list[DepartmentNode] = []  # the current node's ancestors, top first
    for department, depth in department_tree(departments):
        node = DepartmentNode(department, department.member_count)  # type: ignore[attr-defined]
        del path[depth:]
        parent = path[-1] if path else None
        (parent.children if parent else roots).append(node)
        ordered.append((node, parent))
        path.append(node)
    for node, parent in reversed(ordered):  # children come after their parent: add bottom-up
        node.total_count += node.member_count
        if parent is not None:
            parent.total_count += node.total_count
    return roots


def organisation_locations() -> QuerySet[Location]:
    """Every location with the number of active people there, by name. One query."""
    return Location.objects.annotate(
        people_count=Count("people", filter=Q(people__is_active=True))
    ).order_by("name", "pk")


def department_with_counts(pk: int) -> Department | None:
    """A department with member_count and deactivated_count (its people) and child_count."""
    return (
        Department.objects.select_related("parent")
        .annotate(
            member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
            deactivated_count=Count("members", filter=Q(members__is_active=False), distinct=True),
            child_count=Count("children", distinct=True),
        )
        .filter(pk=pk)
        .first()
    )


def location_with_counts(pk: int) -> Location | None:
    """A location with people_count (active people there) and deactivated_count."""
    return (
        Location.objects.annotate(
            people_count=Count("people", filter=Q(people__is_active=True)),
            deactivated_count=Count("people", filter=Q(people__is_active=False)),
        )
        .filter(pk=pk)
        .first()
    )


def person_find(value: str) -> Person | None:
    """The person with this e-mail address (any case) or, without an @, employee number."""
    value = value.strip()
    if not value:
        return None
    if "@" in value:
        return Person.objects.filter(email__iexact=value).first()
    return Person.objects.filter(employee_number=value).first()
