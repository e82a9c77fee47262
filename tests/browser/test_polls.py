"""Polls and contests in Chromium: make a poll in a space with an extra answer row, a colleague
votes in the stream (htmx) and sees the results; a contest takes proposals, then votes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.polls.models import Contest, Entry, EntryVote, PollDetails, Vote
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_make_a_poll_and_vote_in_the_stream(visitor):  # type: ignore[no-untyped-def]
    space = SpaceFactory(name="Team Burgerzaken", slug="burgerzaken")
    author = MembershipFactory(space=space, person__email="auteur@example.org").person
    voter = MembershipFactory(space=space, person__email="stemmer@example.org").person
    page = visitor.page

    visitor.log_in(author.email, DEFAULT_PASSWORD)
    visitor.visit(f"/polls/new/?space={space.slug}")
    page.fill("#id_question", "Waar gaan we lunchen?")
    page.fill("#id_choice_0", "Kantine")
    page.fill("#id_choice_2", "Park")
    page.click("#poll-form-add")  # a seventh row, without losing what was typed
    page.wait_for_selector("#id_choice_6")
    visitor.check_accessibility()
    assert page.input_value("#id_choice_2") == "Park"
    page.fill("#id_choice_6", "Stad")
    page.click("#poll-save")
    page.wait_for_url(visitor.url(space.get_absolute_url()) + "**")
    details = PollDetails.objects.get()
    assert [c.text for c in details.choices.all()] == ["Kantine", "Park", "Stad"]
    visitor.check_accessibility()

    page.context.clear_cookies()
    visitor.log_in(voter.email, DEFAULT_PASSWORD)
    visitor.visit(space.get_absolute_url())
    park = details.choices.get(text="Park")
    page.check(f"#poll-{details.pk}-choice-{park.pk}")
    page.click(f"#poll-{details.pk}-vote")
    page.wait_for_selector(f"#poll-{details.pk}-results")
    visitor.check_accessibility()
    results = page.inner_text(f"#poll-{details.pk}-results")
    assert "Park" in results and "100%" in results
    assert page.url.startswith(visitor.url(space.get_absolute_url()))  # swapped in place
    assert Vote.objects.get().person == voter


def test_propose_and_vote_in_a_contest(visitor):  # type: ignore[no-untyped-def]
    now = timezone.now()
    manager = PersonFactory(email="cm@example.org", roles=["community_manager"])
    colleague = PersonFactory(email="collega@example.org")
    page = visitor.page

    visitor.log_in(manager.email, DEFAULT_PASSWORD)
    visitor.visit("/polls/contests/")
    page.click("#contest-new")
    page.wait_for_url(visitor.url("/polls/contests/new/"))
    visitor.check_accessibility()
    page.fill("#id_title", "Hoe noemen we ons intranet?")
    page.fill("#id_submissions_open_until", (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_voting_open_until", (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    page.click("#contest-save")
    contest = Contest.objects.get()
    page.wait_for_url(visitor.url(contest.get_absolute_url()))
    visitor.check_accessibility()

    page.context.clear_cookies()
    visitor.log_in(colleague.email, DEFAULT_PASSWORD)
    visitor.visit(contest.get_absolute_url())
    page.fill("#id_text", "Het Plein")
    page.click("#entry-submit")
    page.wait_for_selector("#contest-entry-list >> text=Het Plein")
    visitor.check_accessibility()
    Entry.objects.create(contest=contest, text="De Koffiehoek", submitted_by=manager)
    # The proposals close: the test moves the contest's times into the voting phase.
    Contest.objects.filter(pk=contest.pk).update(
        submissions_open_until=now - timedelta(hours=1), voting_open_until=now + timedelta(days=1)
    )
    visitor.visit(contest.get_absolute_url())
    assert page.locator("#entry-form").count() == 0
    assert "3" in page.inner_text("#contest-votes-left")
    entry = Entry.objects.get(text="Het Plein")
    page.click(f"#entry-{entry.pk}-vote")
    page.wait_for_selector(f"#entry-{entry.pk}.contest-entry--mine")
    visitor.check_accessibility()
    assert "2" in page.inner_text("#contest-votes-left")
    assert EntryVote.objects.get().entry == entry
