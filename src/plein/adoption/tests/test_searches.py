"""The dashboard's "Searched but not found": terms that enough different people searched for
without result (search.misses), each with a button that turns it into a writing task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.search.misses import services
from plein.search.models import SearchTask

pytestmark = pytest.mark.django_db

URL = reverse("adoption:dashboard")


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


def _searched(term: str, people: list[Person], days_ago: int = 0) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    for person in people:
        services.miss_record(person=person, term=term, day=day)


def test_a_term_shows_once_enough_people_searched_it(cm_client):
    people = PersonFactory.create_batch(5)
    _searched("parkeervergunning", people[:4])
    response = cm_client.get(URL)
    assert b'id="searches-none"' in response.content
    assert b"parkeervergunning" not in response.content
    _searched("parkeervergunning", people[4:], days_ago=2)
    _searched("parkeervergunning", people[:1])  # the same person again: not another person
    response = cm_client.get(URL)
    [miss] = response.context["data"].not_found
    assert (miss.term, miss.people, miss.searches) == ("parkeervergunning", 5, 6)
    html = response.content.decode()
    assert b'id="searches-none"' not in response.content
    assert "by 5 people" in html
    assert '<td class="adoption-num">6</td>' in html
    assert 'name="term" value="parkeervergunning"' in html
    assert "Turn into a task" in html


def test_the_threshold_is_the_adoption_min_group(cm_client, settings):
    settings.PLEIN_ADOPTION_MIN_GROUP = 3
    people = PersonFactory.create_batch(3)
    _searched("fietsplan", people)
    _searched("kantine", people[:2])
    response = cm_client.get(URL)
    assert [miss.term for miss in response.context["data"].not_found] == ["fietsplan"]
    assert b"kantine" not in response.content


def test_the_empty_state_explains_the_threshold(cm_client):
    response = cm_client.get(URL)
    assert b'id="searches-none"' in response.content
    assert "at least 5 different people searched for it" in response.content.decode()
    assert b"once the intranet has a search function" not in response.content


def test_without_the_best_bets_permission_there_is_no_button(client):
    viewer = PersonFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_adoption"))
    client.force_login(viewer)
    _searched("parkeervergunning", PersonFactory.create_batch(5))
    response = client.get(URL)
    assert response.status_code == 200
    assert b"parkeervergunning" in response.content
    assert b"Turn into a task" not in response.content
    assert reverse("search:task_create").encode() not in response.content


def test_the_section_is_only_for_who_sees_the_dashboard(client):
    _searched("parkeervergunning", PersonFactory.create_batch(5))
    client.force_login(PersonFactory(roles=["editor"]))  # may create tasks, not see adoption
    assert client.get(URL).status_code == 403


def test_the_button_turns_the_term_into_a_task(cm_client, community_manager):
    _searched("bhv cursus", PersonFactory.create_batch(5))
    response = cm_client.post(
        reverse("search:task_create"), {"term": "bhv cursus", "next": URL}, follow=True
    )
    assert response.redirect_chain[-1][0] == URL
    task = SearchTask.objects.get()
    assert (task.term, task.created_by) == ("bhv cursus", community_manager)
    html = response.content.decode()
    assert "Task open" in html
    assert "Turn into a task" not in html
    services.search_task_done(task=task, reason=SearchTask.Reason.MANUAL)
    assert b"bhv cursus" not in cm_client.get(URL).content


def test_the_query_count_does_not_grow_with_the_terms(cm_client, community_manager):
    people = PersonFactory.create_batch(5)
    _searched("fietsplan", people)
    cm_client.get(URL)  # warm the caches the same way
    with CaptureQueriesContext(connection) as few:
        cm_client.get(URL)
    for n in range(20):
        _searched(f"term {n}", people, days_ago=n % 7)
        if n % 3 == 0:
            services.search_task_create(by=community_manager, term=f"term {n}")
    with CaptureQueriesContext(connection) as many:
        response = cm_client.get(URL)
    assert len(response.context["data"].not_found) == 15
    assert len(many) == len(few)
