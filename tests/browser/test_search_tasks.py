"""Searched but not found, in Chromium: a community manager sees on the adoption dashboard a
term that five colleagues searched for without result, turns it into a writing task (htmx swaps
the row's cell) and opens the writing tasks page. axe runs on every page."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.search.misses.services import miss_record
from plein.search.models import SearchTask

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_failed_search_becomes_a_writing_task(visitor):  # type: ignore[no-untyped-def]
    for person in PersonFactory.create_batch(5):
        miss_record(person=person, term="Parkeervergunning")
    manager = PersonFactory(roles=["community_manager"])
    page = visitor.page
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/adoption/")

    row = page.locator("#table-searches tbody tr", has_text="parkeervergunning")
    assert row.locator("td.adoption-num").all_inner_texts()[0] == "5"
    with page.expect_response("**/search/tasks/new/"):
        row.locator("button[type=submit]").click()
    row.locator(".miss-action__open").wait_for()
    assert row.locator("form").count() == 0
    visitor.check_accessibility()
    task = SearchTask.objects.get()
    assert (task.term, task.status, task.created_by_id) == ("parkeervergunning", "open", manager.pk)

    row.locator(".miss-action__open a").click()
    page.wait_for_url("**/search/tasks/")
    visitor.check_accessibility()
    card = page.locator(f"#task-{task.pk}")
    assert card.is_visible()
    assert card.locator('a[href="/search/?q=parkeervergunning"]').count() == 1
