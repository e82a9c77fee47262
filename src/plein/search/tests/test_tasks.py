"""Writing tasks: an editor turns a term searched without result into a task ("write this
page"), done once the content exists, a best bet is pinned, or by hand (search.misses)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.core.registries import search
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.search.misses import services, tasks
from plein.search.misses.checks import search_tasks_check
from plein.search.models import SearchTask
from plein.search.services import best_bet_create
from plein.spaces.models import Space
from plein.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

TASKS = reverse("search:tasks")
CREATE = reverse("search:task_create")
DASHBOARD = reverse("adoption:dashboard")


@pytest.fixture
def editor() -> Person:
    return PersonFactory(roles=["editor"])


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client


def _task(by: Person, term: str = "parkeervergunning", minutes_ago: int = 0) -> SearchTask:
    task = services.search_task_create(by=by, term=term)
    if minutes_ago:
        task.created_at = timezone.now() - timedelta(minutes=minutes_ago)
        task.save(update_fields=["created_at"])
    return task


def _space(name: str, minutes_ago: int = 0, **fields: object) -> Space:
    created_at = timezone.now() - timedelta(minutes=minutes_ago)
    space = SpaceFactory(name=name, created_at=created_at, **fields)
    search.index("test_spaces", space)
    return space


# --- Creating ---------------------------------------------------------------------------------


def test_a_task_is_created_once_per_open_term(editor):
    task = services.search_task_create(by=editor, term="  Parkeer Vergunning ")
    assert (task.term, task.status, task.created_by) == ("parkeer vergunning", "open", editor)
    assert services.search_task_create(by=editor, term="PARKEER vergunning") == task
    services.search_task_done(task=task, reason=SearchTask.Reason.MANUAL, by=editor)
    again = services.search_task_create(by=editor, term="parkeer vergunning")
    assert again != task and again.status == "open"
    assert SearchTask.objects.count() == 2


def test_only_editors_and_community_managers_create_tasks(editor, community_manager):
    with pytest.raises(PermissionDenied):
        services.search_task_create(by=PersonFactory(), term="fietsplan")
    assert services.search_task_create(by=community_manager, term="fietsplan").pk
    with pytest.raises(ValidationError):
        services.search_task_create(by=editor, term="   ")


def test_the_button_creates_one_task_and_goes_back(editor_client):
    data = {"term": "Thuiswerkvergoeding", "next": f"{DASHBOARD}#searches-heading"}
    for _n in range(2):
        response = editor_client.post(CREATE, data)
        assert response.status_code == 302
        assert response.url == f"{DASHBOARD}#searches-heading"
    assert list(SearchTask.objects.values_list("term", flat=True)) == ["thuiswerkvergoeding"]
    response = editor_client.post(CREATE, {"term": "fietsplan", "next": "https://evil.example"})
    assert response.url == TASKS


def test_with_htmx_the_button_answers_with_its_cell(editor_client):
    response = editor_client.post(CREATE, {"term": "bhv cursus"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'class="miss-action"' in response.content
    assert b"Task open" in response.content
    assert b"<form" not in response.content


def test_the_button_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(CREATE, {"term": "fietsplan"}).status_code == 403
    assert not SearchTask.objects.exists()


def test_others_get_403_and_anonymous_people_log_in(client, editor):
    task = _task(editor)
    client.force_login(PersonFactory())
    assert client.get(TASKS).status_code == 403
    assert client.post(CREATE, {"term": "fietsplan"}).status_code == 403
    assert client.post(reverse("search:task_done", args=[task.pk])).status_code == 403
    assert SearchTask.objects.get().status == "open"
    client.logout()
    assert client.get(TASKS).url.startswith(reverse("accounts:login"))


def test_create_is_post_only(editor_client):
    assert editor_client.get(CREATE, {"term": "fietsplan"}).status_code == 405
    assert not SearchTask.objects.exists()


# --- Done when the content exists -------------------------------------------------------------


def test_content_made_after_the_task_marks_it_done(editor):
    task = _task(editor, minutes_ago=10)
    _space("Parkeervergunning", minutes_ago=20)  # older than the task: not the answer
    assert search_tasks_check() == 0
    _space("Parkeervergunning aanvragen")
    assert tasks.search_tasks_check.call() == 1
    task.refresh_from_db()
    assert (task.status, task.done_reason) == ("done", "content")
    assert task.done_at is not None
    assert search_tasks_check() == 0


def test_content_the_creator_may_not_see_leaves_the_task_open(editor):
    task = _task(editor, minutes_ago=10)
    _space("Parkeervergunning directie", kind=Space.Kind.SECRET)
    assert search_tasks_check() == 0
    task.refresh_from_db()
    assert task.status == "open"


@pytest.mark.parametrize("gone", ["deleted", "deactivated"])
def test_without_an_active_creator_the_task_stays_open(editor, gone):
    task = _task(editor, minutes_ago=10)
    if gone == "deleted":
        editor.delete()
    else:
        editor.is_active = False
        editor.save()
    _space("Parkeervergunning aanvragen")
    assert search_tasks_check() == 0
    task.refresh_from_db()
    assert task.status == "open"


def test_a_best_bet_for_the_term_marks_the_task_done(editor):
    task = _task(editor, term="bhv cursus")
    other = _task(editor, term="fietsplan")
    best_bet_create(by=editor, term="BHV  Cursus", title="BHV", url="/wiki/bhv/")
    task.refresh_from_db()
    other.refresh_from_db()
    assert (task.status, task.done_reason) == ("done", "best_bet")
    assert other.status == "open"


def test_a_best_bet_that_fails_leaves_the_task_open(editor):
    task = _task(editor, term="bhv cursus")
    with pytest.raises(ValidationError):
        best_bet_create(by=editor, term="bhv cursus", title="BHV", url="javascript:alert(1)")
    task.refresh_from_db()
    assert task.status == "open"


# --- The page ---------------------------------------------------------------------------------


def test_the_page_lists_open_tasks_first_then_done_ones(editor_client, editor):
    people = PersonFactory.create_batch(5)
    for person in people:
        services.miss_record(person=person, term="parkeervergunning")
    services.miss_record(person=people[0], term="fietsplan")
    open_task = _task(editor)
    quiet = _task(editor, term="fietsplan")
    done = _task(editor, term="bhv cursus")
    services.search_task_done(task=done, reason="manual", by=editor, note="  Staat op de wiki ")
    response = editor_client.get(TASKS)
    assert response.status_code == 200
    rows = {row.task: row.people for row in response.context["lists"].open}
    assert rows == {open_task: 5, quiet: 0}  # fewer than 5 people: not shown
    assert response.context["lists"].done == [done]
    html = response.content.decode()
    assert html.index(f'id="task-{open_task.pk}"') < html.index(f'id="task-{done.pk}"')
    assert "Searched without result by 5 people" in html
    assert "fewer than 5 people" in html
    assert f"{reverse('search:results')}?q=parkeervergunning" in html
    assert "Staat op de wiki" in html


def test_the_page_query_count_is_flat(editor_client, editor):
    for n in range(3):
        _task(PersonFactory(roles=["editor"]), term=f"term {n}")
    editor_client.get(TASKS)  # warm the caches the same way
    with CaptureQueriesContext(connection) as few:
        editor_client.get(TASKS)
    for n in range(3, 20):
        task = _task(PersonFactory(roles=["editor"]), term=f"term {n}")
        if n % 2:
            services.search_task_done(task=task, reason="content")
    with CaptureQueriesContext(connection) as many:
        editor_client.get(TASKS)
    assert len(many) == len(few)


def test_mark_done_by_hand_with_a_note(editor_client, editor):
    task = _task(editor)
    response = editor_client.post(reverse("search:task_done", args=[task.pk]), {"note": "Nee"})
    assert response.url == TASKS
    task.refresh_from_db()
    assert (task.status, task.done_reason, task.note) == ("done", "manual", "Nee")
