"""The activity stream in Chromium: the start page, "more" with htmx, the new-posts marker, a
hashtag page, and @-mention autocomplete with the keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.models import FeedVisit, Post
from plein.posts.tests.factories import PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_page_stream_more_and_marker(visitor, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_FEED_PAGE_SIZE = 4
    reader = PersonFactory(email="lezer@example.org")
    space = SpaceFactory(name="Team Communicatie", slug="team-communicatie")
    MembershipFactory(space=space, person=reader)
    now = timezone.now()
    for n in range(9):
        PostFactory(
            space=space,
            body=f"Bericht {n}",
            body_html=f"<p>Bericht {n}</p>",
            created_at=now - timedelta(hours=n * 10),
        )
    FeedVisit.objects.create(person=reader, seen_at=now - timedelta(hours=25))
    page = visitor.page

    visitor.log_in(reader.email, DEFAULT_PASSWORD)
    visitor.visit("/")
    assert page.locator(".stream__item--new").count() == 3
    assert page.locator(".stream__marker").count() == 1
    page.click("#stream-more")
    visitor.wait_until("document.querySelectorAll('.stream__page .post-card').length === 8")
    visitor.check_accessibility()
    assert page.url == visitor.url("/")
    page.click("#stream-more")
    visitor.wait_until("document.querySelectorAll('.stream__page .post-card').length === 9")
    assert page.locator("#stream-more").count() == 0


def test_mention_autocomplete_with_the_keyboard(visitor):  # type: ignore[no-untyped-def]
    writer = PersonFactory(email="schrijver@example.org")
    PersonFactory(first_name="Fatima", last_name="El Amrani", email="fatima.elamrani@example.org")
    page = visitor.page

    visitor.log_in(writer.email, DEFAULT_PASSWORD)
    visitor.visit("/")
    field = page.locator("#post-body")
    field.click()
    field.press_sequentially("Dank je @fat")
    page.wait_for_selector("[role=listbox] [role=option]")
    visitor.check_accessibility()
    field.press("Enter")
    assert field.input_value() == "Dank je @fatima.elamrani "
    assert page.locator("[role=listbox]:visible").count() == 0
    field.press_sequentially("voor het #teamuitje")
    page.locator("#post-submit").click()
    page.wait_for_selector(".post-card a.mention")
    post = Post.objects.get()
    assert [person.email for person in post.mentioned_people.all()] == [
        "fatima.elamrani@example.org"
    ]
    visitor.visit("/posts/tags/teamuitje/")
    assert page.locator(".post-card").count() == 1


def test_commenting_from_the_stream(visitor):  # type: ignore[no-untyped-def]
    reader = PersonFactory(email="lezer@example.org")
    post = PostFactory(
        is_announcement=True,
        body="Wie heeft er een oplader?",
        body_html="<p>Wie heeft er een oplader?</p>",
    )
    page = visitor.page

    visitor.log_in(reader.email, DEFAULT_PASSWORD)
    visitor.visit("/posts/")
    page.click(f"#post-{post.pk}-comment-open")
    box = page.locator(f"#post-{post.pk}-comment-new")
    box.wait_for()
    assert box.evaluate("element => element === document.activeElement")
    visitor.check_accessibility()
    box.fill("Ik heb er een op mijn bureau")
    page.click(f"#post-{post.pk}-comment-new-submit")
    page.wait_for_selector(f"#post-{post.pk}-comment-list li.comment")
    assert post.comments.get().body == "Ik heb er een op mijn bureau"
    assert page.inner_text(f"#post-{post.pk}-comment-count") == "1 reactie"
