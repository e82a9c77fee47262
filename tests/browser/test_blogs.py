"""Blogs in Chromium: a manager starts a series and writes an entry (with the htmx preview);
a follower finds it in the start page stream and opens the series; axe runs on every page."""

import pytest

from plein.blogs.models import BlogEntry
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.models import PersonFollow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_writes_in_a_series_and_a_follower_reads_it(visitor, phone_visitor):  # type: ignore[no-untyped-def]
    manager = PersonFactory(email="manager@example.org", first_name="Peter", last_name="Berg")
    follower = PersonFactory(email="volger@example.org")
    PersonFollow.objects.create(follower=follower, followed=manager)
    page = visitor.page

    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit(f"/blogs/people/{manager.pk}/")
    page.click("#blogs-series-new")
    visitor.check_accessibility()
    page.fill("#id_title", "Keek op de week")
    page.fill("#id_description", "Elke vrijdag een terugblik.")
    page.click("#blog-series-save")
    page.wait_for_selector("#blog-entry-form")
    visitor.check_accessibility()
    assert page.locator("#blog-series option:checked").inner_text() == "Keek op de week"

    page.fill("#blog-title", "Een drukke week")
    page.fill("#post-body", "De balie stond **vol**.")
    page.click("#post-preview-button")
    page.wait_for_selector("#post-preview strong")
    visitor.check_accessibility()
    page.click("#blog-entry-submit")
    page.wait_for_selector("#entry-title")
    visitor.check_accessibility()
    entry = BlogEntry.objects.select_related("series").get()
    assert entry.series is not None and entry.series.title == "Keek op de week"
    assert page.locator("#entry-series-link").inner_text() == "Keek op de week"

    reader = phone_visitor.page
    phone_visitor.log_in(follower.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/")
    title = reader.locator(f"#blog-entry-{entry.post_id}-title")
    assert title.inner_text() == "Een drukke week"
    reader.click(f"#blog-entry-{entry.post_id}-series")
    reader.wait_for_selector("#series-title")
    phone_visitor.check_accessibility()
    assert reader.locator("#series-title").inner_text() == "Keek op de week"
    assert reader.locator("#series-write").count() == 0
    reader.click(f"#blog-entry-{entry.post_id}-title")
    reader.wait_for_selector("#entry-title")
    phone_visitor.check_accessibility()
    assert reader.locator("#entry-edit").count() == 0
    phone_visitor.visit("/blogs/")
    assert reader.locator(f"#blog-series-{entry.series.pk}-link").count() == 1
