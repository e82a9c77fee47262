"""Ideas in Chromium: post an idea, a colleague supports it, a community manager sets its
status with an explanation."""

import pytest

from plein.ideas.models import IdeaDetails, IdeaVote
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_post_an_idea_vote_and_set_its_status(visitor):  # type: ignore[no-untyped-def]
    author = PersonFactory(email="bedenker@example.org")
    voter = PersonFactory(email="stemmer@example.org")
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    page = visitor.page

    visitor.log_in(author.email, DEFAULT_PASSWORD)
    visitor.visit("/ideas/")
    page.click("#idea-create")
    page.wait_for_selector("#idea-form")
    visitor.check_accessibility()
    page.fill("#id_title", "Een donkere modus")
    page.check("input[name=topic][value=intranet]")
    page.fill("#id_body", "Fijner voor de ogen in de avond.")
    page.click("#idea-save")
    page.wait_for_selector("#idea-title")
    visitor.check_accessibility()
    idea = IdeaDetails.objects.get()
    assert page.locator(f"#idea-{idea.pk}-support").count() == 0  # not on your own idea

    page.context.clear_cookies()
    visitor.log_in(voter.email, DEFAULT_PASSWORD)
    visitor.visit("/ideas/")
    visitor.check_accessibility()
    page.click(f"#idea-{idea.pk}-support")
    page.wait_for_selector(f"#idea-{idea.pk}-support[aria-pressed=true]")
    visitor.check_accessibility()
    assert IdeaVote.objects.filter(person=voter).count() == 1

    page.context.clear_cookies()
    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit(f"/ideas/{idea.pk}/")
    visitor.check_accessibility()
    page.click("#idea-set-status")
    page.wait_for_selector("#idea-status-form")
    visitor.check_accessibility()
    page.select_option("#id_status", "planned")
    page.fill("#id_note", "Komt in het volgende kwartaal.")
    page.click("#idea-status-save")
    page.wait_for_selector("#idea-status")
    visitor.check_accessibility()
    assert "Komt in het volgende kwartaal." in page.inner_text("#idea-status")
    idea.refresh_from_db()
    assert idea.status == "planned"
