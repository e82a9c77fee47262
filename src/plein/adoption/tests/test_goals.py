"""Goals: the status maths, the services' rules and the goals page."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plein.adoption import goals, services
from plein.adoption.goals import Status, expected_value, status_of
from plein.adoption.models import Goal, GroupDay

pytestmark = pytest.mark.django_db

URL = "/adoption/goals/"


def _all(day: date, **figures: int) -> None:
    values = {
        "people": 100,
        "activated": 50,
        "active_day": 10,
        "active_week": 30,
        "active_month": 40,
    }
    values.update(figures)
    GroupDay.objects.create(day=day, dimension="all", key="all", label="Everyone", **values)


def _goal(measure: str, target: int, set_on: date, deadline: date) -> Goal:
    moment = timezone.make_aware(datetime.combine(set_on, time(10)))
    return Goal.objects.create(measure=measure, target=target, deadline=deadline, created_at=moment)


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


# --- The maths ------------------------------------------------------------------------------


def test_expected_value_is_a_straight_line() -> None:
    set_on, deadline = date(2025, 1, 1), date(2025, 1, 11)
    line = {"start": 20.0, "target": 80.0, "set_on": set_on, "deadline": deadline}

    assert expected_value(**line, today=set_on) == 20.0
    assert expected_value(**line, today=date(2025, 1, 6)) == 50.0
    assert expected_value(**line, today=deadline) == 80.0
    assert expected_value(**line, today=date(2025, 3, 1)) == 80.0


@pytest.mark.parametrize(
    ("current", "expected", "today", "status"),
    [
        (80.0, 50.0, date(2025, 1, 6), Status.REACHED),
        (85.0, 80.0, date(2025, 2, 1), Status.REACHED),
        (55.0, 50.0, date(2025, 1, 6), Status.ON_TRACK),
        (50.0, 50.0, date(2025, 1, 6), Status.ON_TRACK),
        (49.9, 50.0, date(2025, 1, 6), Status.BEHIND),
        (70.0, 80.0, date(2025, 1, 12), Status.DEADLINE_PASSED),
    ],
)
def test_status(current: float, expected: float, today: date, status: str) -> None:
    assert (
        status_of(
            current=current, expected=expected, target=80, deadline=date(2025, 1, 11), today=today
        )
        == status
    )


def test_progress_from_the_figures_when_set_to_the_target() -> None:
    today = date(2025, 1, 11)
    _all(date(2025, 1, 1), activated=40)  # the day before the goals were set: the start
    _all(date(2025, 1, 10), activated=60, active_week=30)
    on_track = _goal("activated", 80, date(2025, 1, 2), date(2025, 1, 22))  # expected 58
    behind = _goal("weekly_active", 50, date(2025, 1, 2), date(2025, 1, 12))  # start 0 → 45
    reached = _goal("activated", 60, date(2025, 1, 2), date(2025, 2, 1))

    found = {item.goal.pk: item for item in goals.all_goal_progress(today=today)}

    assert found[on_track.pk].start == 40.0
    assert found[on_track.pk].current == 60.0
    assert found[on_track.pk].expected == 58.0
    assert found[on_track.pk].status == Status.ON_TRACK
    assert found[on_track.pk].percent_of_target == 75
    assert found[behind.pk].start == 30.0  # weekly active on the day before it was set
    assert found[behind.pk].expected == 48.0
    assert found[behind.pk].status == Status.BEHIND
    assert found[reached.pk].status == Status.REACHED


def test_progress_without_figures_starts_from_zero() -> None:
    today = timezone.localdate()
    goal = _goal("creators", 10, today - timedelta(days=5), today + timedelta(days=5))

    (item,) = goals.all_goal_progress(today=today)

    assert item.goal == goal
    assert not item.has_figures
    assert item.start == 0.0
    assert item.current == 0.0
    assert item.expected == 5.0
    assert item.status == Status.BEHIND


def test_ambassador_coverage_goal() -> None:
    from plein.ambassadors.tests.factories import AmbassadorFactory
    from plein.people.tests.factories import DepartmentFactory, PersonFactory

    covered, bare = DepartmentFactory(), DepartmentFactory()
    PersonFactory(department=covered)
    PersonFactory(department=bare)
    AmbassadorFactory(department=covered, person=PersonFactory(department=covered))
    today = timezone.localdate()
    _goal("ambassadors", 100, today - timedelta(days=10), today + timedelta(days=10))

    (item,) = goals.all_goal_progress(today=today)

    assert item.current == 50.0
    assert item.expected == 50.0
    assert item.status == Status.ON_TRACK


# --- Services -------------------------------------------------------------------------------


def test_create_checks_permission(person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.goal_create(
            creator=person, measure="activated", target=80, deadline=date(2100, 1, 1)
        )


@pytest.mark.parametrize(
    ("target", "deadline", "field"),
    [(0, date(2100, 1, 1), "target"), (101, date(2100, 1, 1), "target"), (50, None, "deadline")],
)
def test_create_validates(
    community_manager, target: int, deadline: date | None, field: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.goal_create(
            creator=community_manager,
            measure="activated",
            target=target,
            deadline=deadline or timezone.localdate(),
        )
    assert field in error.value.error_dict
    assert not Goal.objects.exists()


def test_update_keeps_a_passed_deadline_but_refuses_a_new_one_in_the_past(
    community_manager,
) -> None:  # type: ignore[no-untyped-def]
    past = timezone.localdate() - timedelta(days=3)
    goal = _goal("activated", 80, past - timedelta(days=30), past)

    services.goal_update(
        goal=goal, editor=community_manager, measure="activated", target=70, deadline=past
    )
    assert Goal.objects.get().target == 70
    with pytest.raises(ValidationError):
        services.goal_update(
            goal=goal,
            editor=community_manager,
            measure="activated",
            target=70,
            deadline=past - timedelta(days=1),
        )


# --- The pages ------------------------------------------------------------------------------


def test_employee_gets_403(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    assert logged_in_client.get(URL).status_code == 403
    goal = _goal("activated", 80, date(2025, 1, 1), date(2100, 1, 1))
    assert logged_in_client.post(f"/adoption/goals/{goal.pk}/delete/").status_code == 403
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_add_a_goal_and_see_its_status(cm_client, community_manager) -> None:  # type: ignore[no-untyped-def]
    deadline = timezone.localdate() + timedelta(days=60)
    response = cm_client.post(
        URL,
        {"measure": "activated", "target": "80", "deadline": deadline.isoformat(), "note": "BC"},
    )

    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.target, goal.deadline, goal.created_by) == (80, deadline, community_manager)
    page = cm_client.get(URL)
    assert page.status_code == 200
    assert f'id="goal-{goal.pk}-status"' in page.content.decode()
    assert "/adoption/export/goals.csv" in page.content.decode()


def test_bad_input_is_shown_again(cm_client) -> None:  # type: ignore[no-untyped-def]
    response = cm_client.post(
        URL, {"measure": "activated", "target": "150", "deadline": "2020-01-01", "note": "Typed"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Typed"' in html
    assert 'value="150"' in html
    assert not Goal.objects.exists()


def test_past_deadline_is_refused_with_the_input_kept(cm_client) -> None:  # type: ignore[no-untyped-def]
    response = cm_client.post(
        URL, {"measure": "creators", "target": "20", "deadline": "2020-01-01", "note": ""}
    )

    assert response.status_code == 400
    assert "Choose a date in the future." in response.content.decode()
    assert 'value="2020-01-01"' in response.content.decode()


def test_edit_and_delete(cm_client) -> None:  # type: ignore[no-untyped-def]
    goal = _goal("activated", 80, date(2025, 1, 1), date(2100, 1, 1))

    assert cm_client.get(f"/adoption/goals/{goal.pk}/edit/").status_code == 200
    response = cm_client.post(
        f"/adoption/goals/{goal.pk}/edit/",
        {"measure": "profiles", "target": "90", "deadline": "2100-01-01", "note": "x"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.measure, goal.target) == ("profiles", 90)

    assert cm_client.get(f"/adoption/goals/{goal.pk}/delete/").status_code == 200
    assert cm_client.post(f"/adoption/goals/{goal.pk}/delete/").status_code == 302
    assert not Goal.objects.exists()


def test_goals_csv(cm_client) -> None:  # type: ignore[no-untyped-def]
    _goal("activated", 80, date(2025, 1, 1), date(2100, 1, 1))

    body = cm_client.get("/adoption/export/goals.csv").content.decode("utf-8")

    lines = body.lstrip("\ufeff").splitlines()
    assert len(lines) == 2
    assert ",80,2100-01-01," in lines[1]
