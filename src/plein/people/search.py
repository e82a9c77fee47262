"""What the site-wide search finds of people (plein.core.registries.search).

A person is found by their name, job title, department, bio, skills and interests; who finds
them: whoever may open their profile (permissions.visible_people), decided in the search query.
A deactivated person has no entry at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plein.core.registries import search

from .models import Person
from .permissions import visible_people

BATCH_SIZE = 500


def person_entry(person: Person) -> search.Entry | None:
    if not person.is_active:
        return None
    department = person.department.name if person.department else ""
    tags = [tag.name for tag in person.skills.all()] + [tag.name for tag in person.interests.all()]
    return search.Entry(
        title=person.full_name,
        url=person.get_absolute_url(),
        created_at=person.date_joined,
        body="\n".join(part for part in (person.job_title, department, person.bio) if part),
        extra=" ".join(tags),
        suggest=True,
    )


def _with_entry_fields(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.select_related("department").prefetch_related("skills", "interests")


def people_index(people: QuerySet[Person] | Iterable[int]) -> None:
    """Bring the entries of these people (a queryset or their ids) up to date, in batches: a
    few queries per batch, whatever their number."""
    ids = (
        list(people.order_by("pk").values_list("pk", flat=True))
        if isinstance(people, QuerySet)
        else sorted(set(people))
    )
    for start in range(0, len(ids), BATCH_SIZE):
        batch = Person.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
        search.index_many("person", list(_with_entry_fields(batch)))


PEOPLE = search.SearchKind(
    key="person",
    order=10,
    label=_("People"),
    visible=visible_people,
    entry=person_entry,
    objects=lambda: _with_entry_fields(Person.objects.all()),
    suggests=True,
)
