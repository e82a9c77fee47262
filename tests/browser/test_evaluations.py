"""An evaluation round in Chromium: a community manager opens it from the manage page, an
employee (on a phone) adds a flop and +1s a colleague's tip in place (htmx), the community
manager closes the round and reads the summary. axe runs on every page."""

import datetime

import pytest
from django.utils import timezone

from plein.ambassadors import services
from plein.ambassadors.models import EvaluationItem, EvaluationRound, EvaluationSupport
from plein.ambassadors.tests.factories import AmbassadorFactory
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_a_round_add_a_flop_support_a_tip_and_read_the_summary(visitor, phone_visitor):  # type: ignore[no-untyped-def]
    cm = PersonFactory(roles=["community_manager"], email="cm@example.org")
    department = DepartmentFactory(name="Publiekszaken")
    employee = PersonFactory(email="medewerker@example.org", department=department)
    colleague = PersonFactory(first_name="Tess", last_name="Tip")
    AmbassadorFactory(person__email="ambassadeur@example.org")
    page = visitor.page

    visitor.log_in(cm.email, DEFAULT_PASSWORD)
    visitor.visit("/ambassadors/manage/")
    page.click("#ambassadors-manage-evaluation-new")
    page.wait_for_selector("#evaluation-form")
    visitor.check_accessibility()
    page.fill("#id_title", "Evaluatie na 6 weken")
    page.fill("#id_introduction", "Wat werkt, wat mist u?")
    ends_on = timezone.localdate() + datetime.timedelta(days=10)
    page.fill("#id_ends_on", ends_on.isoformat())
    page.click("#evaluation-open")
    evaluation = EvaluationRound.objects.get()
    page.wait_for_url(visitor.url(evaluation.get_absolute_url()))
    visitor.check_accessibility()
    assert evaluation.title == "Evaluatie na 6 weken" and evaluation.ends_on == ends_on
    tip = services.item_add(
        by=colleague, evaluation=evaluation, kind=EvaluationItem.Kind.TIP, text="Een agenda"
    )

    phone = phone_visitor.page
    phone_visitor.log_in(employee.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/ambassadors/")
    phone.click("#ambassadors-evaluation-link")
    phone.wait_for_selector("#evaluation-item-form")
    phone_visitor.check_accessibility()
    phone.check("input[name=kind][value=flop]")
    phone.fill("#id_text", "Zoeken is traag")
    phone.click("#evaluation-item-submit")
    phone.wait_for_selector("#evaluation-notice")
    phone_visitor.check_accessibility()
    flop = EvaluationItem.objects.get(author=employee)
    assert (flop.kind, flop.department) == ("flop", department)
    assert "Zoeken is traag" in phone.locator("#evaluation-column-flop").inner_text()

    support = phone.locator(f"#evaluation-item-{tip.pk}-support")
    assert support.get_attribute("aria-pressed") == "false"
    support.click()
    phone.wait_for_selector(f"#evaluation-item-{tip.pk}-support[aria-pressed=true]")
    assert EvaluationSupport.objects.filter(item=tip, person=employee).exists()
    phone_visitor.check_accessibility()

    visitor.visit(evaluation.get_absolute_url())
    page.click("#evaluation-close-link")
    page.wait_for_selector("#evaluation-close-form")
    visitor.check_accessibility()
    page.click("#evaluation-close-confirm")
    page.wait_for_url(visitor.url(f"/ambassadors/evaluations/{evaluation.pk}/summary/"))
    visitor.check_accessibility()
    assert page.locator("#evaluation-count-tip strong").inner_text() == "1"
    assert page.locator("#evaluation-count-flop strong").inner_text() == "1"
    assert "Een agenda" in page.locator("#evaluation-top-tip").inner_text()
    assert "Publiekszaken" in page.locator("#evaluation-departments").inner_text()
    evaluation.refresh_from_db()
    assert not evaluation.is_open
    visitor.visit("/ambassadors/evaluations/")
