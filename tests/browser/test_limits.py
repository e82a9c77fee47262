"""Limits in Chromium, under the Content-Security-Policy: past the limit a comment sent with htmx
is refused with a message at the top of the page (what was typed stays), and a password-reset
request gets the 429 page; axe-core checks both."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts import services
from plein.posts.models import Comment
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_too_many_comments_and_password_resets(visitor, settings):  # type: ignore[no-untyped-def]
    limits = {"comment": "1/hour", "password_reset": "1/hour"}
    settings.PLEIN_RATE_LIMITS = {**settings.PLEIN_RATE_LIMITS, **limits}
    anne = PersonFactory(email="anne@example.org")
    space = SpaceFactory(kind="open")
    MembershipFactory(space=space, person=anne)
    post = services.post_create(author=anne, body="Wie loopt er mee?", space=space)
    page = visitor.page

    # The password reset page: the second request within the hour gets the 429 page.
    for _ in range(2):
        visitor.visit("/account/password/reset/")
        page.fill("input[name=email]", anne.email)
        page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Te veel in korte tijd'), h1:has-text('Too many')")
    visitor.check_accessibility()

    visitor.log_in(anne.email, DEFAULT_PASSWORD)
    visitor.visit(f"/posts/{post.pk}/")
    box = f"#post-{post.pk}-comment-new"
    page.fill(box, "Ik doe mee")
    page.click(f"{box}-submit")
    page.wait_for_selector("#comments li.comment")
    page.fill(box, "En mijn buurman ook")
    page.click(f"{box}-submit")
    alert = page.locator("#main > .messages[role=alert]")
    alert.wait_for()
    assert page.input_value(box) == "En mijn buurman ook"  # nothing lost
    assert Comment.objects.count() == 1
    visitor.check_accessibility()
