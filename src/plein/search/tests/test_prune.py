"""Removing many entries at once, and the daily prune of entries whose object is gone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plein.core.registries import search
from plein.core.registries.schedule import SCHEDULE, job_of
from plein.people.tests.factories import PersonFactory
from plein.search import tasks
from plein.search.models import SearchEntry
from plein.search.services import search_prune
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def _indexed(kind: str = "test_spaces") -> set[int]:
    return set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))


def test_unindex_many_removes_those_entries_in_one_query() -> None:
    spaces = SpaceFactory.create_batch(4)
    search.index_many("test_spaces", spaces)
    with CaptureQueriesContext(connection) as queries:
        search.unindex_many("test_spaces", [spaces[0].pk, spaces[2].pk])
    assert len(queries) == 1
    assert _indexed() == {spaces[1].pk, spaces[3].pk}
    with CaptureQueriesContext(connection) as queries:
        search.unindex_many("test_spaces", [])
    assert len(queries) == 0


def test_prune_deletes_the_entries_of_objects_that_are_gone_and_keeps_the_rest() -> None:
    kept = SpaceFactory.create_batch(2)
    gone = SpaceFactory.create_batch(3)
    person = PersonFactory()
    search.index_many("test_spaces", kept + gone)
    search.index("test_people", person)
    Space.objects.filter(pk__in=[space.pk for space in gone]).delete()  # not unindexed
    with CaptureQueriesContext(connection) as queries:
        assert search_prune() == 3
    deletes = [query for query in queries if query["sql"].upper().startswith("DELETE")]
    assert len(deletes) == 2  # one per kind, whatever the number of stale entries
    assert _indexed() == {space.pk for space in kept}
    assert _indexed("test_people") == {person.pk}
    assert search_prune() == 0


def test_prune_runs_daily_from_the_schedule() -> None:
    assert SCHEDULE.get("search-prune") is tasks.PRUNE
    assert job_of(tasks.prune_schedule) is tasks.PRUNE
    space = SpaceFactory()
    search.index("test_spaces", space)
    Space.objects.filter(pk=space.pk).delete()
    assert tasks.prune_schedule.call() == 1
    assert _indexed() == set()
