"""The start page in Chromium: the hint, arranging blocks with the keyboard, birthdays, and the
community manager's default and quick links; axe-core on every page."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.startpage.models import QuickLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_arrange_the_start_page_with_the_keyboard(visitor):  # type: ignore[no-untyped-def]
    anne = PersonFactory(email="anne@example.org")
    page = visitor.page
    visitor.log_in(anne.email, DEFAULT_PASSWORD)
    visitor.visit("/")
    page.click("#start-hint-dismiss")
    page.wait_for_selector("#start-hint", state="detached")

    visitor.visit("/start/arrange/")
    page.focus("#arrange-tip-hide")
    page.keyboard.press("Enter")
    page.wait_for_selector("#arrange-tip-show")
    page.focus("#arrange-my_spaces-up")
    page.keyboard.press("Enter")
    visitor.wait_until(
        "document.querySelector('#arrange-my_spaces').compareDocumentPosition("
        "document.querySelector('#arrange-quick_links')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    visitor.check_accessibility()

    visitor.visit("/")
    assert page.locator("#widget-tip").count() == 0
    assert page.locator("#start-hint").count() == 0

    visitor.visit("/start/celebrations/")
    page.select_option("#id_birth_day", "12")
    page.select_option("#id_birth_month", "3")
    page.check("#id_share")
    page.click("#celebrations-save")
    page.wait_for_selector(".message--success")
    visitor.check_accessibility()


def test_community_manager_sets_default_and_quick_links(visitor):  # type: ignore[no-untyped-def]
    sanne = PersonFactory(email="sanne@example.org", roles=["community_manager"])
    page = visitor.page
    visitor.log_in(sanne.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    visitor.visit("/start/quick-links/")
    page.fill("#id_title", "Roosterplanner")
    page.fill("#id_url", "https://rooster.example.org")
    page.click("#quick-link-save")
    page.wait_for_selector("#quick-link-list")
    visitor.check_accessibility()
    assert QuickLink.objects.get().title == "Roosterplanner"
    visitor.visit("/start/arrange/default/")
    page.click("#arrange-colleagues-hide")
    page.wait_for_selector("#arrange-colleagues-show")
    visitor.visit("/")
    assert page.locator("#widget-colleagues").count() == 0
    assert page.locator("a[href='https://rooster.example.org']").count() == 1
