"""Error pages in Chromium: an employee who opens a management page or a missing page gets
Plein's layout in Dutch, with a way on, and nothing axe-core objects to."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refused_and_missing_pages_say_what_to_do(visitor):  # type: ignore[no-untyped-def]
    employee = PersonFactory(email="medewerker@example.org")
    page = visitor.page
    visitor.log_in(employee.email, DEFAULT_PASSWORD)

    visitor.visit("/manage/")
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang tot deze pagina"
    assert page.get_by_role("navigation", name="Hoofdmenu").count() == 1
    page.get_by_role("link", name="de startpagina").click()
    page.wait_for_url(visitor.url("/"))

    visitor.visit("/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "Deze pagina bestaat niet"
    page.get_by_role("link", name="Mensen", exact=True).last.click()
    page.wait_for_url(visitor.url("/people/"))
