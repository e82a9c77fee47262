"""The wiki in Chromium: create a page, link to another page, edit it, read the history and the
diff, restore an old version; axe on each page."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.wiki.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_link_edit_history_restore(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(email="anne@example.org")
    space = SpaceFactory(name="Burgerzaken", slug="burgerzaken")
    MembershipFactory(space=space, person=person)
    page = visitor.page

    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/wiki/burgerzaken/")
    page.click("#wiki-create")
    page.wait_for_url(visitor.url("/wiki/burgerzaken/new/"))
    visitor.check_accessibility()
    page.fill("#id_title", "Werkinstructies")
    page.fill("#id_body", "Zie [[Paspoort aanvragen]].")
    page.click("#wiki-preview-button")
    page.wait_for_selector("#wiki-preview p")
    visitor.check_accessibility()
    page.click("#wiki-save")
    page.wait_for_url(visitor.url("/wiki/burgerzaken/werkinstructies/"))
    visitor.check_accessibility()

    # The missing page's link offers to create it, under the right title.
    page.click("#wiki-body a.wiki-link--missing")
    page.wait_for_url("**/wiki/burgerzaken/new/?title=*")
    visitor.check_accessibility()
    assert page.input_value("#id_title") == "Paspoort aanvragen"
    page.fill("#id_body", "Neem een pasfoto mee.")
    page.click("#wiki-save")
    page.wait_for_url(visitor.url("/wiki/burgerzaken/paspoort-aanvragen/"))

    visitor.visit("/wiki/burgerzaken/werkinstructies/")
    link = page.locator("#wiki-body a.wiki-link")
    assert link.get_attribute("href") == "/wiki/burgerzaken/paspoort-aanvragen/"
    page.click("#wiki-edit")
    page.wait_for_url("**/edit/")
    visitor.check_accessibility()
    page.fill("#id_body", "Zie [[Paspoort aanvragen]] en [[Rijbewijs verlengen]].")
    page.click("#wiki-save")
    page.wait_for_url(visitor.url("/wiki/burgerzaken/werkinstructies/"))

    page.click("#wiki-history")
    page.wait_for_url("**/history/")
    visitor.check_accessibility()
    page.click("#revision-2-diff")
    page.wait_for_url("**/history/2/")
    visitor.check_accessibility()
    assert "Rijbewijs verlengen" in page.inner_text("#wiki-diff ins")
    visitor.visit("/wiki/burgerzaken/werkinstructies/history/")
    page.click("#revision-1-restore")
    page.wait_for_url(visitor.url("/wiki/burgerzaken/werkinstructies/"))
    visitor.check_accessibility()
    stored = Page.objects.get(slug="werkinstructies")
    assert stored.body == "Zie [[Paspoort aanvragen]]." and stored.revision == 3
    visitor.visit("/wiki/burgerzaken/")
    assert page.locator(".wiki-tree a").count() == 2
