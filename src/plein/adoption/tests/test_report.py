"""The weekly adoption report: figures, what to do next, who gets which report."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from plein.adoption import report, tasks
from plein.adoption.models import Goal, GroupDay
from plein.ambassadors.tests.factories import AmbassadorFactory
from plein.people.tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 9)  # a Sunday: the report goes out the Monday after
BEFORE = DAY - timedelta(days=7)
ALL = GroupDay.Dimension.ALL
DEPT = GroupDay.Dimension.DEPARTMENT
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BURGERZAKEN = {
    "label": "Burgerzaken",
    "people": 20,
    "activated": 13,
    "active_day": 4,
    "active_week": 8,
    "active_month": 12,
    "creators": 2,
    "responders": 4,
    "readers": 6,
    "profiles_complete": 10,
}


def _row(day: date, dimension: str = ALL, key: str = "all", **counts: Any) -> GroupDay:
    values = {
        "label": "Everyone",
        "people": 100,
        "activated": 80,
        "active_day": 20,
        "active_week": 40,
        "active_month": 60,
        "creators": 12,
        "responders": 18,
        "readers": 30,
        "profiles_complete": 70,
        "nudged": 0,
    }
    values.update(counts)
    return GroupDay.objects.create(day=day, dimension=dimension, key=key, **values)


def _week(
    dimension: str = ALL, key: str = "all", *, earlier: dict | None = None, **counts: Any
) -> None:
    """Rows for the 14 days up to DAY with `counts`; before DAY changed by `earlier`."""
    for n in range(1, 14):
        _row(DAY - timedelta(days=n), dimension, key, **{**counts, **(earlier or {})})
    _row(DAY, dimension, key, **counts)


def _send(capture, day: date = DAY) -> int:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return report.report_send(day=day)


# --- Figures ---------------------------------------------------------------------------------


def test_figures_and_change_since_last_week() -> None:
    for n in range(1, 14):
        if n != 7:
            _row(DAY - timedelta(days=n), active_day=10)
    _row(BEFORE, activated=70, active_week=45, active_month=50, active_day=10, nudged=2)
    _row(
        DAY,
        activated=80,
        active_week=40,
        active_month=60,
        active_day=24,
        nudged=5,
        creators=6,
        responders=24,
        readers=30,
        profiles_complete=55,
    )
    _row(DAY + timedelta(days=5), activated=99)  # after the day asked for: not used

    figures = report.weekly_figures(day=DAY + timedelta(days=2))

    assert figures is not None
    assert figures.day == DAY  # the latest row on or before the day asked for
    assert figures.value("activated") == 80.0
    assert figures.change("activated") == 10.0
    assert figures.value("weekly_active") == 40.0
    assert figures.change("weekly_active") == -5.0
    assert figures.value("monthly_active") == 60.0
    assert figures.change("monthly_active") == 10.0
    # average daily active over 7 days (6 * 10 + 24) / 7 = 12 of 60 monthly active
    assert figures.value("stickiness") == 20.0
    assert figures.before("stickiness") == 20.0  # 10 of 50
    # the 90-9-1 split is of the 60 people active in 28 days
    assert figures.value("creators") == 10.0
    assert figures.value("responders") == 40.0
    assert figures.value("readers") == 50.0
    assert figures.value("profiles") == 55.0
    assert figures.change("profiles") == -15.0
    assert figures.value("nudged") == 5
    assert figures.change("nudged") == 3
    assert figures.never_logged_in == 20


def test_no_change_without_a_row_a_week_before() -> None:
    _row(DAY)
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    assert figures.value("activated") == 80.0
    assert figures.change("activated") is None


def test_a_department_has_its_own_figures() -> None:
    _week()
    _week(DEPT, "7", label="Burgerzaken", people=20, activated=13, earlier={"activated": 16})
    figures = report.weekly_figures(day=DAY, dimension=DEPT, key="7")
    assert figures is not None
    assert figures.label == "Burgerzaken"
    assert figures.value("activated") == 65.0
    assert figures.change("activated") == -15.0


def test_no_figures_before_the_first_roll_up(
    community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    assert report.weekly_figures(day=DAY) is None
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert report.report_preview(community_manager, DAY) is None


# --- What to do next -------------------------------------------------------------------------


def _links(found: list[report.Suggestion]) -> list[str]:
    return [suggestion.link for suggestion in found]


def test_low_activation_names_the_three_lowest_departments() -> None:
    _week(activated=50)
    for key, label, activated in [
        ("1", "Burgerzaken", 18),
        ("2", "Ruimte", 6),
        ("3", "Directie", 10),
        ("4", "Sociaal Domein", 8),
        (GroupDay.OTHER, "Other", 1),
    ]:
        _row(DAY, DEPT, key, label=label, people=20, activated=activated)
    figures = report.weekly_figures(day=DAY)
    assert figures is not None

    found = report.suggestions(figures, report.facts_gather(day=DAY), audience=report.ORGANISATION)

    first = found[0].text
    assert "50 people never logged in" in first
    assert "Ruimte, Sociaal Domein and Directie" in first
    assert "Burgerzaken" not in first
    assert found[0].link.endswith("/adoption/")


def test_good_activation_makes_no_activation_suggestion() -> None:
    _week(activated=95)
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    found = report.suggestions(figures, report.Facts(), audience=report.ORGANISATION)
    assert not any("never logged in" in suggestion.text for suggestion in found)


def test_falling_weekly_active_suggests_a_poll() -> None:
    _week(active_week=30, earlier={"active_week": 40})
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    found = report.suggestions(figures, report.Facts(), audience=report.ORGANISATION)
    assert any(link.endswith(reverse("polls:new")) for link in _links(found))


def test_rising_weekly_active_suggests_no_poll() -> None:
    _week(active_week=50, earlier={"active_week": 40})
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    found = report.suggestions(figures, report.Facts(), audience=report.ORGANISATION)
    assert not any(link.endswith(reverse("polls:new")) for link in _links(found))


def test_departments_without_an_ambassador_link_to_designating_them() -> None:
    _week()
    covered = DepartmentFactory(name="Burgerzaken")
    PersonFactory(department=covered)
    AmbassadorFactory(department=covered)
    uncovered = DepartmentFactory(name="Ruimte")
    PersonFactory(department=uncovered)
    figures = report.weekly_figures(day=DAY)
    assert figures is not None

    found = report.suggestions(figures, report.facts_gather(day=DAY), audience=report.ORGANISATION)

    ambassadors = [s for s in found if s.link.endswith(reverse("ambassadors:manage"))]
    assert len(ambassadors) == 1
    assert ambassadors[0].text == "1 department has no ambassador yet: Ruimte."


def test_every_department_covered_makes_no_ambassador_suggestion() -> None:
    _week()
    department = DepartmentFactory()
    PersonFactory(department=department)
    AmbassadorFactory(department=department)
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    found = report.suggestions(figures, report.facts_gather(day=DAY), audience=report.ORGANISATION)
    assert not any(link.endswith(reverse("ambassadors:manage")) for link in _links(found))


def test_few_creators_suggests_managers_blog() -> None:
    _week(creators=3)  # 5% of the 60 active
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    found = report.suggestions(figures, report.Facts(), audience=report.ORGANISATION)
    assert any("blog" in suggestion.text for suggestion in found)
    assert any(link.endswith(reverse("blogs:overview")) for link in _links(found))


def test_goals_behind_are_suggested() -> None:
    _week()
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    facts = report.Facts(
        goals_behind=[report.GoalBehind("Weekly active", 40.0, 60, date(2025, 6, 1))]
    )
    found = report.suggestions(figures, facts, audience=report.ORGANISATION)
    assert any("Weekly active" in s.text and "60.0%" in s.text for s in found)


def test_a_goal_behind_its_line_is_found_from_the_goals() -> None:
    _week(activated=50)
    Goal.objects.create(
        measure=Goal.Measure.ACTIVATED,
        target=90,
        deadline=DAY + timedelta(days=10),
        created_at=datetime(2025, 1, 1, tzinfo=AMSTERDAM),
    )
    Goal.objects.create(
        measure=Goal.Measure.PROFILES,
        target=60,  # 70% already: reached
        deadline=DAY + timedelta(days=10),
        created_at=datetime(2025, 1, 1, tzinfo=AMSTERDAM),
    )
    facts = report.facts_gather(day=DAY)
    assert [goal.target for goal in facts.goals_behind] == [90]
    assert facts.goals_behind[0].value == 50.0


def test_a_head_gets_suggestions_for_their_own_team() -> None:
    _week(DEPT, "7", **{**BURGERZAKEN, "activated": 8, "creators": 0})
    figures = report.weekly_figures(day=DAY, dimension=DEPT, key="7")
    assert figures is not None
    found = report.suggestions(figures, report.Facts(), audience=report.DEPARTMENT)
    assert "12 people in your department never logged in" in found[0].text
    assert any(link.endswith(reverse("blogs:write")) for link in _links(found))
    assert not any(link.endswith(reverse("ambassadors:manage")) for link in _links(found))


def test_two_to_four_suggestions() -> None:
    _week()  # nothing wrong: the fallbacks make two
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    assert len(report.suggestions(figures, report.Facts(), audience=report.ORGANISATION)) == 2

    GroupDay.objects.all().delete()
    _week(
        activated=40,
        active_week=20,
        creators=1,
        profiles_complete=10,
        earlier={"active_week": 40},
    )
    figures = report.weekly_figures(day=DAY)
    assert figures is not None
    facts = report.Facts(
        lowest_departments=["Ruimte"],
        uncovered_departments=["Directie"],
        goals_behind=[report.GoalBehind("Activated", 40.0, 80, date(2025, 6, 1))],
    )
    found = report.suggestions(figures, facts, audience=report.ORGANISATION)
    assert len(found) == 4
    assert "never logged in" in found[0].text  # the most pressing first


# --- Who gets what ---------------------------------------------------------------------------


def test_community_manager_gets_the_organisation_report_in_their_language(
    settings, community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    community_manager.language = "nl"
    community_manager.first_name = "Sanne"
    community_manager.save()
    english = PersonFactory(
        roles=["community_manager"], language="en", first_name="Sam", email="sam@example.org"
    )
    _week()

    assert _send(django_capture_on_commit_callbacks) == 2

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    dutch = by_address["cm@example.org"]
    assert dutch.body.startswith("Hallo Sanne,")
    html = dutch.alternatives[0][0]
    assert '<html lang="nl">' in html
    assert "80,0%" in dutch.body and "80,0%" in html  # Dutch decimal comma
    assert f"{settings.PLEIN_SITE_URL.rstrip('/')}/adoption/" in dutch.body
    mail = by_address[english.email]
    assert mail.body.startswith("Hello Sam,")
    assert "80.0%" in mail.body
    assert "week 10" in mail.subject


def test_html_and_text_contain_the_headline_figures_and_changes(
    community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, 14):
        _row(DAY - timedelta(days=n), activated=70, active_week=45)
    _row(DAY, activated=80, active_week=40, profiles_complete=55)

    _send(django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    for text in ("80.0%", "70.0%", "+10.0", "40.0%", "-5.0", "55.0%", "Stickiness", "Creators"):
        assert text in mail.body, text
        assert text in html, text
    assert "<table" in html and "<img" not in html
    assert '<th scope="col"' in html


def test_head_of_department_gets_only_their_department(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    director = PersonFactory(email="director@example.org")
    burgerzaken = DepartmentFactory(name="Burgerzaken")
    head = PersonFactory(department=burgerzaken, manager=director, email="head@example.org")
    team_lead = PersonFactory(department=burgerzaken, manager=head, email="lead@example.org")
    member = PersonFactory(department=burgerzaken, manager=team_lead, email="member@example.org")
    small = DepartmentFactory(name="Griffie")  # merged into "other": no row of its own
    small_head = PersonFactory(department=small, manager=director, email="small@example.org")
    PersonFactory(department=small, manager=small_head)
    _week()
    _week(DEPT, str(burgerzaken.pk), **BURGERZAKEN)
    _week(DEPT, GroupDay.OTHER, label="Other", people=4, activated=4)

    assert _send(django_capture_on_commit_callbacks) == 1

    (mail,) = mailoutbox
    assert mail.to == [head.email]
    assert "Burgerzaken" in mail.subject
    assert "65.0%" in mail.body and "80.0%" not in mail.body
    assert "/adoption/" not in mail.body  # the dashboard is for community managers
    assert report.report_preview(head, DAY) is not None
    for nobody in (director, team_lead, member, small_head):
        assert report.report_preview(nobody, DAY) is None


def test_heads_get_nothing_when_the_setting_is_off(
    settings, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_ADOPTION_REPORT_TO_HEADS = False
    department = DepartmentFactory()
    head = PersonFactory(department=department)
    PersonFactory(department=department, manager=head)
    _week()
    _week(DEPT, str(department.pk))
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_someone_without_permission_gets_nothing(
    person, community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(roles=["editor"], email="editor@example.org")
    PersonFactory(roles=["community_manager"], is_active=False, email="gone@example.org")
    _week()
    _send(django_capture_on_commit_callbacks)
    assert [mail.to for mail in mailoutbox] == [[community_manager.email]]
    assert report.report_preview(person, DAY) is None


def test_preview_for_a_community_manager(community_manager) -> None:  # type: ignore[no-untyped-def]
    _week()
    html = report.report_preview(community_manager, DAY)
    assert html is not None
    assert "80.0%" in html and "What to do next" in html


def test_nothing_is_queued_when_the_transaction_rolls_back(
    community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _week()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report.report_send(day=DAY)
    assert len(callbacks) == 1
    assert mailoutbox == []


# --- Schedule and command --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2025, 3, 12, 15, 0, tzinfo=AMSTERDAM), datetime(2025, 3, 17, 7, 0)),  # Wed
        (datetime(2025, 3, 10, 6, 59, tzinfo=AMSTERDAM), datetime(2025, 3, 10, 7, 0)),  # Mon
        (datetime(2025, 3, 10, 7, 0, tzinfo=AMSTERDAM), datetime(2025, 3, 17, 7, 0)),
        (datetime(2025, 3, 29, 12, 0, tzinfo=AMSTERDAM), datetime(2025, 3, 31, 7, 0)),  # DST
    ],
)
def test_next_run_is_monday_seven_local(now: datetime, expected: datetime) -> None:
    run = tasks.next_report_run(now).astimezone(AMSTERDAM)
    assert run.replace(tzinfo=None) == expected


def test_schedule_task_sends_and_cannot_requeue_on_the_immediate_backend(
    community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    for n in range(8):
        _row(today - timedelta(days=n))
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.report_schedule.enqueue()
    assert result.return_value == 1
    assert len(mailoutbox) == 1


def test_command_sends_for_a_day(
    community_manager, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    _week()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-adoption-report", "--day", DAY.isoformat())
    assert len(mailoutbox) == 1


def test_command_rejects_a_bad_day_and_schedule_needs_a_deferring_backend(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="not a date"):
        call_command("send-adoption-report", "--day", "9 March")
    with pytest.raises(CommandError, match="cannot run tasks later"):
        call_command("schedule")
