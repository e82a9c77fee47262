"""Spaces in the site-wide search: the write paths keep the entry current."""

from collections.abc import Iterator

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.people.tests.factories import PersonFactory
from plein.spaces import services
from plein.spaces.permissions import visible_spaces
from plein.spaces.search import space_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_create_and_update_index(indexed) -> None:  # type: ignore[no-untyped-def]
    kind = KINDS.get("space")
    assert kind is not None and kind.visible is visible_spaces and kind.entry is space_entry
    person = PersonFactory()
    space = services.space_create(
        creator=person, name="Hardloopclub", description="Rennen", kind="open"
    )
    entry = indexed.entries[("space", space.pk)]
    assert entry is not None
    assert (entry.title, entry.body, entry.suggest) == ("Hardloopclub", "Rennen", True)
    assert entry.url == space.get_absolute_url()

    services.space_update(space=space, actor=person, name="Lopers", description="", kind="secret")
    assert indexed.indexed("space") == [space.pk, space.pk]
    assert indexed.entries[("space", space.pk)].title == "Lopers"  # type: ignore[union-attr]
