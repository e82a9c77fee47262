"""Availability in Chromium: a person sets an absence on their page (no JavaScript needed), sees
it on their profile and in the directory, a manager sees it on the team page, and the form's
error at phone width. axe runs on every page. Texts are not asserted (they change with the
Dutch translation); the page's ids and structure are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.people.models import Absence
from plein.people.tests.factories import DEFAULT_PASSWORD, AbsenceFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_absence_is_set_and_shown_to_colleagues_and_the_manager(visitor):  # type: ignore[no-untyped-def]
    manager = PersonFactory()
    person = PersonFactory(manager=manager)
    today = timezone.localdate()
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)

    visitor.visit("/people/me/absences/")
    page.locator("#id_first_day").fill(today.isoformat())
    page.locator("#id_last_day").fill((today + timedelta(days=3)).isoformat())
    page.locator("#id_note").fill("Op vakantie, mail Piet")
    page.locator("#id_note").press("Enter")
    page.wait_for_url("**/people/me/absences/")
    visitor.check_accessibility()
    absence = Absence.objects.get(person=person)
    assert "Op vakantie, mail Piet" in page.locator(f"#absence-{absence.pk}").inner_text()

    visitor.visit(f"/people/{person.pk}/")
    assert "Op vakantie, mail Piet" in page.locator("#away-line").inner_text()
    visitor.visit("/people/?q=" + person.last_name)
    card = page.locator(".people-list li", has_text=person.full_name)
    assert card.locator(".away-badge").is_visible()

    page.locator(".user-menu summary").click()
    page.locator(".user-menu form button[type=submit]").click()
    page.wait_for_load_state()
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit(f"/people/{manager.pk}/")
    page.locator('a[href="/people/team/"]').click()
    page.wait_for_url("**/people/team/")
    visitor.check_accessibility()
    rows = page.locator("#team-days tbody tr")
    assert rows.first.get_by_role("link", name=person.full_name).count() == (
        1 if today.weekday() < 5 else 0
    )
    assert page.locator("#team-days").get_by_role("link", name=person.full_name).count() >= 1


def test_an_overlapping_absence_is_explained_on_a_phone(phone_visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    today = timezone.localdate()
    AbsenceFactory(person=person, first_day=today, last_day=today + timedelta(days=5))
    page = phone_visitor.page
    phone_visitor.log_in(person.email, DEFAULT_PASSWORD)

    phone_visitor.visit("/people/me/absences/")
    page.locator("#id_first_day").fill((today + timedelta(days=2)).isoformat())
    page.locator("#id_note").fill("Dubbel")
    page.locator("#add-heading + form button[type=submit]").click()
    page.wait_for_load_state()
    phone_visitor.check_accessibility()  # the error state, at 375 px wide

    assert page.locator(".form-errors").is_visible()
    assert page.locator("#id_note").input_value() == "Dubbel"
    assert Absence.objects.filter(person=person).count() == 1
