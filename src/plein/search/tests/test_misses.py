"""Searches that found nothing: recorded after the response, as a term, a day and a token that
tells people apart without saying who (search.misses); shown only once enough different people
searched a term, and only within the window."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, models
from django.urls import reverse
from django.utils import timezone

from plein.core.after_response import serving
from plein.core.registries import search
from plein.core.registries.schedule import SCHEDULE
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.search import demo, views
from plein.search.misses import services, tasks
from plein.search.misses.selectors import misses, window_start
from plein.search.models import SearchMiss, SearchTask
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("search:results")


@pytest.fixture
def searcher(client) -> Person:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client.force_login(person)
    return person


def _search_by(people: list[Person], term: str, days_ago: int = 0) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    for person in people:
        services.miss_record(person=person, term=term, day=day)


# --- Recording -------------------------------------------------------------------------------


def test_a_search_that_found_nothing_is_recorded_normalised(client, searcher):
    response = client.get(RESULTS, {"q": "  Parkeer  VERGUNNING "})
    assert response.status_code == 200
    assert response.context["total"] == 0
    miss = SearchMiss.objects.get()
    assert (miss.term, miss.day, miss.searches) == (
        "parkeer vergunning",
        timezone.localdate(),
        1,
    )


def test_a_search_that_found_something_is_not_recorded(client, searcher):
    space = SpaceFactory(name="Parkeervergunning aanvragen")
    search.index("test_spaces", space)
    assert client.get(RESULTS, {"q": "parkeervergunning"}).context["total"] == 1
    assert not SearchMiss.objects.exists()


@pytest.mark.parametrize(
    "params",
    [{"kind": "test_spaces"}, {"space": "1"}, {"author": "1"}, {"period": "week"}, {"page": "2"}],
)
def test_a_filtered_search_or_a_later_page_is_not_recorded(client, searcher, params):
    response = client.get(RESULTS, {"q": "parkeervergunning", **params})
    assert response.status_code == 200
    assert not SearchMiss.objects.exists()
    client.get(RESULTS, {"q": "parkeervergunning", "page": "1"})
    assert SearchMiss.objects.count() == 1


def test_the_miss_is_written_after_the_response(rf, searcher):
    request = rf.get(RESULTS, {"q": "thuiswerkvergoeding"})
    request.user = searcher
    response = serving(views.results, request)
    assert response.status_code == 200
    assert not SearchMiss.objects.exists()  # nothing written while the request ran
    # Closing sends request_finished, whose handler would close the test's connection; the
    # test client leaves it out in the same way.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert SearchMiss.objects.get().term == "thuiswerkvergoeding"


def test_the_same_person_on_the_same_day_is_one_row_counting_searches(client, searcher):
    for _n in range(3):
        client.get(RESULTS, {"q": "bhv cursus"})
    miss = SearchMiss.objects.get()
    assert miss.searches == 3
    services.miss_record(person=searcher, term="BHV  cursus", day=timezone.localdate())
    assert SearchMiss.objects.get().searches == 4


def test_a_long_term_is_cut_to_100_characters(searcher):
    services.miss_record(person=searcher, term="x" * 150 + " y")
    assert SearchMiss.objects.get().term == "x" * 100


def test_nothing_stored_says_who_searched(searcher):
    columns = {field.name for field in SearchMiss._meta.get_fields()}
    assert columns == {"id", "term", "day", "token", "searches"}
    assert not any(isinstance(field, models.ForeignKey) for field in SearchMiss._meta.fields)
    other = PersonFactory()
    _search_by([searcher, other], "parkeervergunning")
    _search_by([searcher], "fietsplan")
    tokens = {(miss.term, miss.token) for miss in SearchMiss.objects.all()}
    mine = services.miss_token(person_id=searcher.pk, term="parkeervergunning")
    assert (
        mine
        != services.miss_token(person_id=searcher.pk, term="fietsplan")  # other term
        != services.miss_token(person_id=other.pk, term="parkeervergunning")  # other person
    )
    assert ("parkeervergunning", mine) in tokens
    assert len({token for _term, token in tokens}) == 3
    assert all(len(token) == 64 for _term, token in tokens)


# --- k-anonymity and the window --------------------------------------------------------------


def test_a_term_is_shown_only_once_enough_people_searched_it():
    people = PersonFactory.create_batch(5)
    _search_by(people[:4], "parkeervergunning")
    assert misses(min_people=5) == []
    _search_by(people[4:], "parkeervergunning", days_ago=3)
    [shown] = misses(min_people=5)
    assert (shown.term, shown.people, shown.searches) == ("parkeervergunning", 5, 5)
    assert shown.last_day == timezone.localdate()
    assert shown.task is None


def test_one_person_searching_ten_times_counts_once():
    person = PersonFactory()
    for days_ago in range(10):
        _search_by([person], "bhv cursus", days_ago=days_ago)
    assert misses(min_people=2) == []
    [shown] = misses(min_people=1)
    assert (shown.people, shown.searches) == (1, 10)


def test_most_people_first_then_most_searches_at_most_fifteen():
    people = PersonFactory.create_batch(3)
    _search_by(people, "fietsplan")
    _search_by(people[:2], "bhv cursus")
    _search_by(people[:2], "bhv cursus", days_ago=1)
    _search_by(people[:2], "kantine")
    assert [miss.term for miss in misses(min_people=2)] == ["fietsplan", "bhv cursus", "kantine"]
    for n in range(20):
        _search_by(people[:2], f"term {n}")
    assert len(misses(min_people=2)) == 15


def test_searches_from_before_the_window_are_not_counted_and_pruned(settings):
    settings.PLEIN_SEARCH_MISS_DAYS = 28
    people = PersonFactory.create_batch(2)
    _search_by(people[:1], "fietsplan", days_ago=27)  # the first day of the window
    _search_by(people[1:], "fietsplan", days_ago=28)  # the day before it
    assert window_start() == timezone.localdate() - timedelta(days=27)
    assert [miss.people for miss in misses(min_people=1)] == [1]
    assert services.misses_prune() == 1
    assert list(SearchMiss.objects.values_list("day", flat=True)) == [window_start()]


def test_the_jobs_are_in_the_schedule():
    jobs = {job.key: job for job in SCHEDULE.all()}
    assert jobs["search-misses-prune"].task is tasks.misses_prune
    assert jobs["search-tasks-check"].task is tasks.search_tasks_check
    now = timezone.now()
    assert jobs["search-tasks-check"].next_run(now) == now + timedelta(minutes=15)
    assert jobs["search-misses-prune"].next_run(now) == now + timedelta(days=1)


def test_the_prune_job_deletes_old_rows():
    _search_by([PersonFactory()], "fietsplan", days_ago=40)
    assert tasks.misses_prune.call() == 1
    assert not SearchMiss.objects.exists()


def test_a_done_task_takes_its_term_off_until_it_is_searched_again(community_manager):
    people = PersonFactory.create_batch(2)
    _search_by(people, "parkeervergunning", days_ago=1)
    task = services.search_task_create(by=community_manager, term="parkeervergunning")
    assert misses(min_people=2)[0].task == task  # open: still shown, with its task
    services.search_task_done(task=task, reason=SearchTask.Reason.MANUAL)
    assert misses(min_people=1) == []
    _search_by(people[:1], "parkeervergunning", days_ago=-1)  # tomorrow: still not found
    assert [miss.people for miss in misses(min_people=1)] == [1]


def test_a_head_request_records_nothing(client, searcher):
    assert client.head(RESULTS, {"q": "parkeervergunning"}).status_code == 200
    assert not SearchMiss.objects.exists()


def test_the_demo_shows_three_terms_and_one_task(community_manager):
    PersonFactory.create_batch(10)
    assert demo.misses_demo(random.Random(7)) > 0
    shown = misses(min_people=5)
    assert [miss.term for miss in shown] == [
        "parkeervergunning",
        "thuiswerkvergoeding",
        "bhv cursus",
    ]
    assert [miss.task is not None for miss in shown] == [False, False, True]
