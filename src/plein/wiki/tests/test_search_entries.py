"""Wiki pages in the site-wide search: the write paths keep the entry current."""

from collections.abc import Iterator

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.wiki import services
from plein.wiki.permissions import visible_pages
from plein.wiki.search import page_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_every_write_path_indexes(indexed) -> None:  # type: ignore[no-untyped-def]
    kind = KINDS.get("wiki")
    assert kind is not None and kind.visible is visible_pages and kind.entry is page_entry
    space = SpaceFactory()
    owner = PersonFactory()
    MembershipFactory(space=space, person=owner, role="owner")
    parent = services.page_create(space=space, author=owner, title="Start", body="")
    page = services.page_create(
        space=space, author=owner, title="Verlof", body="Vraag **verlof** aan & wacht"
    )
    entry = indexed.entries[("wiki", page.pk)]
    assert entry is not None
    assert (entry.title, entry.body) == ("Verlof", "Vraag verlof aan & wacht")
    assert entry.url == page.get_absolute_url() and entry.space_id == space.pk and entry.suggest

    services.page_update(page=page, editor=owner, title="Verlof", body="Nieuw", base_revision=1)
    services.revision_restore(page=page, editor=owner, number=1)
    services.page_move(page=page, actor=owner, parent=parent)
    assert indexed.indexed("wiki") == [parent.pk] + [page.pk] * 4
    page_id = page.pk
    services.page_delete(page=page, actor=owner)
    assert indexed.calls[-1] == ("unindex", "wiki", page_id)
