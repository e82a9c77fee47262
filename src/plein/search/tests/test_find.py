"""selectors.find: the newest matches a person may see, for the results page; on PostgreSQL
first among the newest entries of each kind, then the older ones where the word is rare."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from plein.core.registries import search
from plein.people.tests.factories import PersonFactory
from plein.search import selectors
from plein.search.models import SearchEntry
from plein.search.selectors import find
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL looks at the newest entries first"
)


def _spaces(*descriptions: str, kind: str = Space.Kind.OPEN) -> list[Space]:
    """Spaces made a day apart, oldest first."""
    now = timezone.now()
    spaces = []
    for age, description in enumerate(reversed(descriptions)):
        space = SpaceFactory(description=description, kind=kind)
        Space.objects.filter(pk=space.pk).update(created_at=now - timedelta(days=age))
        space.refresh_from_db()
        search.index("test_spaces", space)
        spaces.append(space)
    return spaces[::-1]


def _objects(found: selectors.Hits) -> list[int]:
    """The ids of the objects of the hits, in their order."""
    objects = dict(SearchEntry.objects.values_list("pk", "object_id"))
    return [objects[hit.pk] for hit in found.hits]


@pytest.fixture
def member():  # type: ignore[no-untyped-def]
    return PersonFactory()


def test_the_newest_matches_come_first_or_the_best(member):
    older, newer = _spaces("fiets fiets fiets fiets", "fiets en trein")
    newest = find(member, "fiets", order="newest")
    assert _objects(newest) == [newer.pk, older.pk]
    best = find(member, "fiets")
    assert _objects(best) == [older.pk, newer.pk]  # the word four times
    assert best.hits[0].rank > best.hits[1].rank
    assert best.complete and newest.complete


def test_more_matches_than_the_limit_are_cut_to_the_newest(member):
    spaces = _spaces(*["overleg"] * 4)
    found = find(member, "overleg", order="newest", limit=3)
    assert not found.complete
    assert len(found.hits) == 3
    assert [hit.created_at for hit in found.hits] == sorted(
        (hit.created_at for hit in found.hits), reverse=True
    )
    assert spaces[0].created_at < min(hit.created_at for hit in found.hits)


def test_what_the_person_may_not_see_is_not_found(member):
    _spaces("begroting", kind=Space.Kind.SECRET)
    assert find(member, "begroting").hits == []


@postgresql_only
def test_a_word_common_among_the_newest_entries_is_not_looked_for_in_older_ones(
    member, monkeypatch
):
    monkeypatch.setattr(selectors, "RECENT", 3)
    monkeypatch.setattr(selectors, "FEW", 2)
    # Five spaces, the three newest say "koffie": found there, the oldest not looked at.
    spaces = _spaces("koffie", "thee", "koffie", "koffie", "koffie")
    found = find(member, "koffie", order="newest")
    assert _objects(found) == [s.pk for s in spaces[:1:-1]]
    assert not found.complete  # there may be more among the older ones


@postgresql_only
def test_a_word_rare_among_the_newest_entries_is_looked_for_in_older_ones(member, monkeypatch):
    monkeypatch.setattr(selectors, "RECENT", 3)
    monkeypatch.setattr(selectors, "FEW", 2)
    spaces = _spaces("archief", "archief", "thee", "koffie", "archief")
    found = find(member, "archief", order="newest")
    assert _objects(found) == [spaces[4].pk, spaces[1].pk, spaces[0].pk]
    assert found.complete


@postgresql_only
def test_a_kind_with_fewer_entries_than_the_newest_looked_at_is_complete(member, monkeypatch):
    monkeypatch.setattr(selectors, "RECENT", 10)
    monkeypatch.setattr(selectors, "FEW", 2)
    _spaces("lunch", "lunch", "lunch")
    found = find(member, "lunch")
    assert (len(found.hits), found.complete) == (3, True)


@postgresql_only
def test_a_query_over_its_time_budget_is_given_up_and_the_limit_set_back(monkeypatch):
    monkeypatch.setattr(selectors, "OLDER_BUDGET_MS", "50")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (before,) = cursor.fetchone()
    assert selectors._within_budget("SELECT pg_sleep(0.5)", []) is None
    assert selectors._within_budget("SELECT %s::int", [7]) == [(7,)]
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (before,)
        cursor.execute("SELECT 1")  # the transaction is still usable


@postgresql_only
def test_a_search_whose_older_entries_take_too_long_shows_the_newest(member, monkeypatch):
    monkeypatch.setattr(selectors, "RECENT", 1)
    spaces = _spaces("archief", "thee", "archief")
    monkeypatch.setattr(selectors, "_within_budget", lambda sql, params: None)
    found = find(member, "archief", order="newest")
    assert _objects(found) == [spaces[2].pk]
    assert not found.complete
