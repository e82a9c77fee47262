"""The department race in Chromium: the community manager sets the prize and sees the
leaderboard, an employee meets the race on the start page; axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.adoption.models import Race
from plein.launch.models import LaunchPlan
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_community_manager_sets_the_prize_and_an_employee_sees_the_race(visitor):  # type: ignore[no-untyped-def]
    LaunchPlan.objects.create(
        pk=1, phase=LaunchPlan.Phase.LAUNCHED, launched_at=timezone.now() - timedelta(days=3)
    )
    finance = DepartmentFactory(name="Financiën")
    DepartmentFactory(name="Burgerzaken")
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"], department=finance)
    employee = PersonFactory(email="anne@example.org", department=finance)
    page = visitor.page

    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/adoption/race/")
    page.fill("#id_prize", "De eerste afdeling op 100% krijgt taart")
    page.click("#race-save")
    page.wait_for_load_state("networkidle")
    visitor.check_accessibility()
    assert Race.objects.get().prize == "De eerste afdeling op 100% krijgt taart"
    assert page.locator("#race-board").is_visible()

    page.context.clear_cookies()
    visitor.log_in(employee.email, DEFAULT_PASSWORD)
    visitor.skip_tour()
    visitor.visit("/")
    widget = page.locator("#widget-department_race")
    assert widget.is_visible()
    text = widget.inner_text()
    assert "taart" in text and "Financiën" in text
    own = widget.locator("tr.race-board__own")
    assert own.count() == 1 and "Financiën" in own.inner_text()
