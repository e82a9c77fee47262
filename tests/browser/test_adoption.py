"""The adoption dashboard in Chromium: a community manager opens it from Management, reads the
chart's table, adds a goal and sees its status. axe runs on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.adoption.models import Goal, GroupDay
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _figures(days: int) -> None:
    last = timezone.localdate() - timedelta(days=1)
    rows = []
    for n in range(days):
        day = last - timedelta(days=n)
        rows.append(
            GroupDay(
                day=day,
                dimension="all",
                key="all",
                label="Iedereen",
                people=100,
                activated=90 - n,
                active_day=20,
                active_week=45 - n // 7,
                active_month=60,
                creators=4,
                responders=12,
                readers=44,
                profiles_complete=50,
            )
        )
    for key, label in [("1", "Burgerzaken"), ("2", "Sociaal Domein"), ("other", "other")]:
        rows.append(
            GroupDay(
                day=last,
                dimension="department",
                key=key,
                label=label,
                people=30,
                activated=25,
                active_day=5,
                active_week=12,
                active_month=20,
                creators=2,
                responders=5,
                readers=13,
                profiles_complete=15,
            )
        )
    GroupDay.objects.bulk_create(rows)


def test_dashboard_and_goals(visitor) -> None:  # type: ignore[no-untyped-def]
    cm = PersonFactory(roles=["community_manager"], email="cm@example.org")
    _figures(30)
    page = visitor.page

    visitor.log_in(cm.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.click("a[href='/adoption/']")
    page.wait_for_selector("#tile-activated")
    visitor.check_accessibility()
    assert "90" in page.locator("#tile-activated").inner_text()
    assert page.locator("svg[role='img']").count() == 2
    assert "Burgerzaken" in page.locator("#table-departments").inner_text()

    page.locator("#trend-heading + figure details summary").click()
    assert page.locator("#table-trend").is_visible()
    visitor.check_accessibility()

    visitor.visit("/adoption/goals/")
    assert page.locator("#goals-empty").count() == 1
    page.select_option("#id_measure", "activated")
    page.fill("#id_target", "150")
    page.fill("#id_deadline", (timezone.localdate() + timedelta(days=60)).isoformat())
    page.click("#goal-save")
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    assert page.locator("#id_target").input_value() == "150"

    page.fill("#id_target", "80")
    page.click("#goal-save")
    goal_row = page.locator(".adoption-goal")
    goal_row.wait_for()
    visitor.check_accessibility()
    goal = Goal.objects.get()
    status = page.locator(f"#goal-{goal.pk}-status")
    assert "adoption-status--reached" in (status.get_attribute("class") or "")  # 90% of 80%
    assert status.inner_text().strip()

    visitor.visit("/adoption/")
    assert page.locator(f"#goal-{goal.pk}-status").count() == 1

    visitor.visit("/adoption/goals/")
    page.click(f"#goal-{goal.pk} a[href='/adoption/goals/{goal.pk}/edit/']")
    page.wait_for_selector("#goal-form")
    visitor.check_accessibility()
    assert page.locator("#id_target").input_value() == "80"
    page.fill("#id_target", "95")
    page.click("#goal-save")
    page.wait_for_url(visitor.url("/adoption/goals/"))
    goal.refresh_from_db()
    assert goal.target == 95

    page.click(f"#goal-{goal.pk} a[href='/adoption/goals/{goal.pk}/delete/']")
    page.wait_for_selector("#goal-delete-form")
    visitor.check_accessibility()
    page.click("#goal-delete")
    page.wait_for_url(visitor.url("/adoption/goals/"))
    assert page.locator("#goals-empty").count() == 1
    assert not Goal.objects.exists()


def test_the_weekly_report_preview(visitor):  # type: ignore[no-untyped-def]
    """The community manager reads next Monday's report before it goes out."""
    _figures(10)
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/adoption/")
    page.click("a[href='/adoption/report/']")
    page.wait_for_url(visitor.url("/adoption/report/"))
    visitor.check_accessibility()
    report = page.frame_locator("iframe.report-preview")
    report.locator("table").first.wait_for()
    assert "90" in report.locator("body").inner_text()  # activation 90% (90 of 100)


def test_trend_chart_labels_are_not_clipped(visitor) -> None:  # type: ignore[no-untyped-def]
    """Every text in the trend chart (the lines' end labels, the axes) lies within its viewBox,
    as Chromium lays it out."""
    cm = PersonFactory(roles=["community_manager"], email="cm@example.org")
    _figures(30)
    visitor.log_in(cm.email, DEFAULT_PASSWORD)
    page = visitor.visit("/adoption/")
    outside = page.evaluate(
        """() => {
          const svg = document.querySelector("svg.adoption-lines");
          const box = svg.viewBox.baseVal;
          return [...svg.querySelectorAll("text")].map((text) => {
            const b = text.getBBox();
            return {text: text.textContent, left: b.x, right: b.x + b.width,
                    top: b.y, bottom: b.y + b.height, width: box.width, height: box.height};
          }).filter((b) => b.left < 0 || b.top < 0 || b.right > b.width || b.bottom > b.height);
        }"""
    )
    labels = page.locator("svg.adoption-lines .adoption-series__label").all_text_contents()
    assert any("Maandelijks actief" in label for label in labels), labels
    assert outside == []
