from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from plein.core.registries import search
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.search.models import SearchEntry
from plein.search.selectors import search_entries
from plein.search.services import search_reindex
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def _indexed(kind: str = "test_spaces") -> set[int]:
    return set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))


def test_reindex_writes_every_entry_and_removes_the_stale_ones():
    spaces = SpaceFactory.create_batch(5)
    gone = SpaceFactory()
    search.index("test_spaces", gone)
    Space.objects.filter(pk=gone.pk).delete()  # deleted without unindexing
    hidden = SpaceFactory(name="Unfindable")
    search.index("test_spaces", hidden)
    Space.objects.filter(pk=hidden.pk).update(name="Unfindable")
    seen = []
    written = search_reindex(batch=2, progress=lambda *step: seen.append(step))
    expected = set(Space.objects.exclude(name="Unfindable").values_list("pk", flat=True))
    assert {space.pk for space in spaces} <= expected
    assert _indexed() == expected
    assert _indexed("test_people") == set(Person.objects.values_list("pk", flat=True))
    assert written == len(expected) + Person.objects.count()
    assert [step[0] for step in seen][:1] == ["test_spaces"]
    assert seen[-1][2] == written


def test_reindex_resumes_after_an_object_and_keeps_to_its_kinds():
    first, second, third = SpaceFactory.create_batch(3)
    search_reindex(kinds=["test_spaces"], after=("test_spaces", second.pk))
    assert third.pk in _indexed() and first.pk not in _indexed()
    assert _indexed("test_people") == set()


def test_reindex_brings_changed_text_up_to_date():
    space = SpaceFactory(description="oude tekst")
    search_reindex(kinds=["test_spaces"])
    Space.objects.filter(pk=space.pk).update(description="nieuwe woorden")
    search_reindex(kinds=["test_spaces"])
    entry = SearchEntry.objects.get(kind="test_spaces", object_id=space.pk)
    assert entry.body == "nieuwe woorden"
    member = PersonFactory()
    assert [e.object_id for e in search_entries(member, "woorden")] == [space.pk]
    assert list(search_entries(member, "oude")) == []


def test_the_command_reports_each_batch_and_resumes():
    SpaceFactory.create_batch(3)
    out = StringIO()
    call_command("search-reindex", "--kind", "test_spaces", "--batch", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("test_spaces: up to id ")
    assert lines[-1].startswith("Reindexed: ")
    last = max(Space.objects.values_list("pk", flat=True))
    cache.set("search:reindex:position", ("test_spaces", last), None)
    out = StringIO()
    call_command("search-reindex", "--resume", stdout=out)
    assert out.getvalue().startswith(f"Resuming after test_spaces {last}.")
    assert cache.get("search:reindex:position") is None


def test_the_command_refuses_an_unknown_kind():
    with pytest.raises(CommandError, match="Unknown kind nope"):
        call_command("search-reindex", "--kind", "nope")
