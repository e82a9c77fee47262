"""Going live: the confirmation below the readiness score, and the go-live at a set moment."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from plein.launch import services
from plein.launch.models import Invitation, LaunchPlan
from plein.launch.readiness import selectors as readiness
from plein.launch.selectors import launch_plan, launch_plan_forget
from plein.launch.tasks import go_live_when_due
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ANNOUNCEMENT = {
    "announcement_title": "Open!",
    "announcement_lead": "Vandaag.",
    "announcement_body": "Tekst",
    "send_invitations": "on",
}


def _prepare(cm: Person) -> None:
    services.launch_plan_update(by=cm, launch_date=timezone.now() + timedelta(days=10))
    services.launch_phase_set(by=cm, phase=LaunchPlan.Phase.PREPARATION)


def _waiting() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path=go_live_when_due.module_path, status=TaskResultStatus.READY
        )
    )


# -- below the readiness score: confirm first -------------------------------------------------


def test_going_live_below_the_score_names_what_is_missing_and_needs_a_second_press(
    client, community_manager
) -> None:
    client.force_login(community_manager)
    _prepare(community_manager)
    report = readiness.report()
    assert report.score < launch_plan().go_live_minimum_score == 80

    first = client.post(reverse("launch:go_live"), {**ANNOUNCEMENT, "action": "now"})

    assert first.status_code == 200
    assert not launch_plan().is_launched and not Post.objects.filter(title="Open!").exists()
    html = first.content.decode()
    assert f"The readiness score is {report.score} out of 100, below the 80" in html
    for item in report.open_items:
        assert escape(str(item.label)) in html
    assert 'name="confirmed"' in html and 'value="Tekst"' in html  # the text travels along

    back = client.post(reverse("launch:go_live"), {**ANNOUNCEMENT, "action": "edit"})
    assert back.status_code == 200 and 'id="launch-go-live-confirm"' in back.content.decode()
    assert not launch_plan().is_launched

    confirmed = client.post(
        reverse("launch:go_live"), {**ANNOUNCEMENT, "action": "now", "confirmed": "1"}
    )
    assert confirmed.status_code == 302
    assert launch_plan().is_launched
    assert Post.objects.get(title="Open!").is_announcement


def test_at_or_above_the_score_it_goes_live_at_once(client, community_manager) -> None:
    client.force_login(community_manager)
    _prepare(community_manager)
    LaunchPlan.objects.update(go_live_minimum_score=readiness.report().score)
    launch_plan_forget()
    response = client.post(reverse("launch:go_live"), ANNOUNCEMENT)
    assert response.status_code == 302 and launch_plan().is_launched


def test_the_score_to_go_live_is_set_with_the_thresholds(client, community_manager) -> None:
    client.force_login(community_manager)
    page = client.get(reverse("launch:thresholds"))
    assert page.context["form"].initial["go_live_minimum_score"] == 80
    data = {**readiness.threshold_values(), "go_live_minimum_score": 150}
    bad = client.post(reverse("launch:thresholds"), data)
    assert bad.status_code == 400 and "go_live_minimum_score" in bad.context["form"].errors
    data["go_live_minimum_score"] = 40
    assert client.post(reverse("launch:thresholds"), data).status_code == 302
    assert LaunchPlan.objects.get().go_live_minimum_score == 40
    del data["go_live_minimum_score"]  # left out: it keeps its value
    assert client.post(reverse("launch:thresholds"), data).status_code == 302
    assert LaunchPlan.objects.get().go_live_minimum_score == 40


# -- a go-live at a set moment -------------------------------------------------------------------


def _schedule(client, when: str, **extra: str):  # type: ignore[no-untyped-def]
    data = {**ANNOUNCEMENT, "action": "schedule", "go_live_at": when, "confirmed": "1", **extra}
    return client.post(reverse("launch:go_live"), data)


def test_a_go_live_is_scheduled_changed_and_cancelled(
    client, community_manager, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = DB_TASKS
    client.force_login(community_manager)
    _prepare(community_manager)
    year = timezone.now().year + 1

    with django_capture_on_commit_callbacks(execute=True):
        response = _schedule(client, f"{year}-03-02T09:30")
    assert response.status_code == 302
    plan = launch_plan()
    moment = timezone.make_aware(timezone.datetime(year, 3, 2, 9, 30), AMS)  # Dutch time
    assert plan.is_go_live_scheduled and plan.launch_date == moment
    assert plan.go_live_announcement["title"] == "Open!" and not plan.is_launched
    assert [task.run_after for task in _waiting()] == [moment]
    page = client.get(reverse("launch:plan")).content.decode()
    assert 'id="launch-scheduled"' in page and f"2 March {year}, 09:30" in page
    assert "“Open!” is posted" in page
    assert reverse("launch:go_live_cancel") in page

    # Scheduling again moves it; one task waits, for the new moment.
    assert "09:30" in client.get(reverse("launch:go_live")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(client, f"{year}-03-03T08:00", announcement_title="Nu open!")
    moved = timezone.make_aware(timezone.datetime(year, 3, 3, 8, 0), AMS)
    assert [task.run_after for task in _waiting()] == [moved]
    assert launch_plan().go_live_announcement["title"] == "Nu open!"

    # A new launch date on the plan takes the scheduled go-live along.
    later = moved + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_plan_update(by=community_manager, launch_date=later)
    assert [task.run_after for task in _waiting()] == [later]
    with pytest.raises(ValidationError):
        services.launch_plan_update(by=community_manager, launch_date=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("launch:go_live_cancel"))
    assert response.status_code == 302
    plan = launch_plan()
    assert not plan.is_go_live_scheduled and plan.launch_date == later  # the date stays
    assert _waiting() == []
    assert 'id="launch-scheduled"' not in client.get(reverse("launch:plan")).content.decode()
    assert go_live_when_due.call() is False  # a run left over changes nothing
    assert not launch_plan().is_launched


def test_the_scheduled_go_live_happens_at_its_moment(
    community_manager, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = DB_TASKS
    employees = PersonFactory.create_batch(2)
    _prepare(community_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_go_live_schedule(
            by=community_manager,
            at=timezone.now() + timedelta(hours=2),
            announcement_title="Dorpsplein is open",
            announcement_lead="Vanaf nu.",
            announcement_body="Welkom.",
        )
    assert go_live_when_due.call() is False  # too early: nothing happens
    assert not launch_plan().is_launched

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    LaunchPlan.objects.update(launch_date=timezone.now())  # the moment has come
    with django_capture_on_commit_callbacks(execute=True):
        assert go_live_when_due.call() is True

    plan = launch_plan()
    assert plan.is_launched and plan.launched_at is not None and not plan.is_go_live_scheduled
    post = Post.objects.get(pk=plan.announcement_id)
    assert post.title == "Dorpsplein is open" and post.author == community_manager
    invited = sorted(message.to[0] for message in mail.outbox)
    assert invited == sorted(p.email for p in [*employees, community_manager])
    assert go_live_when_due.call() is False  # once only
    assert Invitation.objects.count() == 3


def test_going_live_by_hand_withdraws_the_scheduled_go_live(
    community_manager, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = DB_TASKS
    _prepare(community_manager)
    texts = {"announcement_title": "A", "announcement_lead": "B", "announcement_body": "C"}
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_go_live_schedule(
            by=community_manager, at=timezone.now() + timedelta(days=1), **texts
        )
    assert len(_waiting()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_go_live(by=community_manager, send_invitations=False, **texts)
    assert _waiting() == [] and not launch_plan().is_go_live_scheduled


def test_a_schedule_needs_a_moment_in_the_future_and_a_worker_queue(
    client, community_manager, settings
) -> None:
    client.force_login(community_manager)
    _prepare(community_manager)
    past = timezone.localtime() - timedelta(hours=1)
    for when, message in (
        ("", "Choose when the intranet goes live."),
        (past.strftime("%Y-%m-%dT%H:%M"), "Choose a moment in the future."),
    ):
        response = _schedule(client, when)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html and "Tekst</textarea>" in html  # what was typed stays
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = _schedule(client, future)  # the tests' immediate backend cannot wait
    assert response.status_code == 400 and "task worker" in response.content.decode()
    assert not launch_plan().is_go_live_scheduled


def test_only_the_community_manager_schedules_or_cancels(client, settings) -> None:
    settings.TASKS = DB_TASKS
    client.force_login(PersonFactory(roles=["project_team"]))
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert _schedule(client, future).status_code == 403
    assert client.post(reverse("launch:go_live_cancel")).status_code == 403
    assert not LaunchPlan.objects.exists()
