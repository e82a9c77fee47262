"""The branding page in Chromium: the persona's welcome is previewed while it is typed."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_branding_page_previews_the_welcome_while_typing(visitor):  # type: ignore[no-untyped-def]
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/branding/")
    page.fill("#id_persona_name", "Vicky")
    page.fill("#id_persona_welcome", "Hoi, ik ben {persona}!")
    preview = page.locator("#branding-preview")
    preview.get_by_text("Hoi, ik ben Vicky!").first.wait_for()
    assert preview.get_by_text("Een woordje van Vicky").count() == 1
    visitor.check_accessibility()
