"""The API's documentation page in Chromium: a Plein page (axe, no sideways scroll on a phone)
that links to the schema it is written from, and the schema answers."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_page(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    page = visitor.visit("/api/v1/docs/")
    assert page.locator("h1").inner_text()
    assert page.locator("#posts_create code").first.inner_text() == "POST /api/v1/posts/"
    page.locator("#api-contents-heading + ul a[href='#api-tag-news']").click()
    assert page.locator("#news_create").is_visible()
    schema = page.request.get(visitor.url(page.locator("#api-schema-link").get_attribute("href")))
    assert schema.ok and "news_create" in schema.text()
