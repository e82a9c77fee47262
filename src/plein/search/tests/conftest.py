"""Test-only kinds over real models (spaces and people), so these tests depend on no app's own
registration: inside each test the registry holds just these two."""

from collections.abc import Iterator
from datetime import datetime

import pytest

from plein.core.registries.search import KINDS, Entry, SearchKind
from plein.people.models import Person
from plein.people.permissions import visible_people
from plein.spaces.models import Space
from plein.spaces.permissions import visible_spaces


def space_entry(space: Space) -> Entry | None:
    if space.name.startswith("Unfindable"):
        return None
    return Entry(
        title=space.name,
        body=space.description,
        extra=space.slug,
        url=f"/spaces/{space.slug}/",
        created_at=space.created_at,
        space_id=space.pk,
        author_id=space.created_by_id,
        suggest=True,
    )


def person_entry(person: Person) -> Entry:
    return Entry(
        title=f"{person.first_name} {person.last_name}",
        body=person.bio,
        extra=person.job_title,
        url=f"/people/{person.pk}/",
        created_at=person.date_joined or datetime.now(),
    )


SPACES = SearchKind(
    key="test_spaces",
    order=1,
    label="Spaces",
    visible=visible_spaces,
    entry=space_entry,
    objects=lambda: Space.objects.all(),
    suggests=True,
)
PEOPLE = SearchKind(
    key="test_people",
    order=2,
    label="People",
    visible=visible_people,
    entry=person_entry,
    objects=lambda: Person.objects.all(),
)


@pytest.fixture(autouse=True)
def _test_kinds() -> Iterator[None]:
    with KINDS.only(SPACES, PEOPLE):
        yield
