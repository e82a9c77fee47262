"""Ambassadors in Chromium: a community manager designates an ambassador for a department
without one (picking the colleague from the suggestions), sees the coverage update in place,
removes another after confirming; colleagues see their own ambassador first and the badge on
the profile. axe runs on every page."""

import pytest

from plein.ambassadors.models import Ambassador
from plein.ambassadors.tests.factories import AmbassadorFactory
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_designate_update_coverage_and_show_ambassadors(visitor, phone_visitor):  # type: ignore[no-untyped-def]
    cm = PersonFactory(roles=["community_manager"], email="cm@example.org")
    department = DepartmentFactory(name="Publiekszaken")
    colleague = PersonFactory(
        first_name="Sanne", last_name="Smit", email="sanne@example.org", department=department
    )
    reader = PersonFactory(email="lezer@example.org", department=department)
    leaving = AmbassadorFactory(department=DepartmentFactory(name="Financiën"))
    page = visitor.page

    visitor.log_in(cm.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.click("a[href='/ambassadors/manage/']")
    page.wait_for_selector("#designate-form")
    visitor.check_accessibility()
    row = page.locator(f"#coverage-department-{department.pk}")
    assert row.locator(".coverage-none").count() == 1

    page.locator("#id_person").press_sequentially("Smit")
    page.wait_for_selector(
        "#ambassador-person-suggestions option[value='sanne@example.org']", state="attached"
    )
    page.fill("#id_person", "sanne@example.org")
    page.select_option("#id_department", str(department.pk))
    page.click("#designate-submit")
    page.wait_for_selector("#ambassadors-notice")
    visitor.check_accessibility()
    assert page.url.endswith("/ambassadors/manage/")
    assert row.locator(".coverage-none").count() == 0
    assert "Sanne Smit" in row.inner_text()
    assert Ambassador.objects.get(person=colleague).department == department

    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"#ambassador-{leaving.pk}-remove")
    page.wait_for_selector(f"#ambassador-{leaving.pk}", state="detached")
    page.wait_for_selector("#ambassadors-notice")
    assert not Ambassador.objects.filter(pk=leaving.pk).exists()
    visitor.check_accessibility()

    phone = phone_visitor.page
    phone_visitor.log_in(reader.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/ambassadors/")
    mine = phone.locator("#ambassadors-mine")
    assert "Sanne Smit" in mine.inner_text()
    mine.get_by_role("link", name="Sanne Smit").click()
    phone.wait_for_selector("#ambassador-badge")
    phone_visitor.check_accessibility()
    assert "Publiekszaken" in phone.locator("#ambassador-badge").inner_text()
