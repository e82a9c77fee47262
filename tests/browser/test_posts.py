"""Posts in Chromium: write with Markdown and a preview, react, comment, reply, edit, remove and
restore, with axe-core checking every page on the way."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.models import Comment, Post
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_write_react_comment_edit_remove_and_restore(visitor):  # type: ignore[no-untyped-def]
    anne = PersonFactory(email="anne@example.org")
    space = SpaceFactory(name="Hardloopclub", slug="hardloopclub", kind="open")
    # Anne moderates the space, so she may also restore her post after removing it.
    MembershipFactory(space=space, person=anne, role=Membership.Role.MODERATOR)
    page = visitor.page
    visitor.log_in(anne.email, DEFAULT_PASSWORD)

    visitor.visit(f"/posts/new/?space={space.slug}")
    page.fill("#post-body", "Zaterdag **10 km** lopen #training")
    page.click("#post-preview-button")
    page.wait_for_selector("#post-preview strong")
    assert page.inner_text("#post-preview strong") == "10 km"
    visitor.check_accessibility()
    page.click("#post-submit")
    page.wait_for_selector("article.post-card")
    post = Post.objects.get()
    assert page.url == visitor.url(f"/posts/{post.pk}/")
    visitor.check_accessibility()

    page.click(f"#post-{post.pk}-react-celebrate")
    page.wait_for_selector(f'#post-{post.pk}-react-celebrate[aria-pressed="true"]')

    page.fill(f"#post-{post.pk}-comment-new", "Ik doe mee")
    page.click(f"#post-{post.pk}-comment-new-submit")
    page.wait_for_selector("#comments li.comment")
    comment = Comment.objects.get()
    page.click(f"#comment-{comment.pk}-reply summary")
    page.fill(f"#post-{post.pk}-comment-{comment.pk}", "Ik ook")
    page.click(f"#post-{post.pk}-comment-{comment.pk}-submit")
    page.wait_for_selector(f"#comment-{comment.pk}-replies li.comment")
    assert Comment.objects.filter(parent=comment).count() == 1
    visitor.visit(f"/posts/{post.pk}/")
    assert page.locator(f"#comment-{comment.pk}-replies li.comment").count() == 1

    visitor.visit(f"/posts/{post.pk}/edit/")
    page.fill("#post-body", "Zondag **12 km** lopen")
    page.click("#post-save")
    page.wait_for_selector(f"#post-{post.pk}-edited")
    visitor.check_accessibility()
    visitor.visit(f"/posts/{post.pk}/history/")
    assert page.locator("#revision-current").count() == 1
    assert "Zaterdag" in page.inner_text(".revisions")

    visitor.visit(f"/posts/{post.pk}/reactions/")
    assert page.locator("#reaction-group-celebrate").count() == 1

    visitor.visit(f"/posts/{post.pk}/delete/")
    page.click("#post-delete-confirm")
    page.wait_for_selector(".post-card--removed")
    visitor.check_accessibility()
    page.click(f"#post-{post.pk}-restore")
    page.wait_for_selector(f"#post-{post.pk}-edit", state="attached")
    visitor.check_accessibility()
    post.refresh_from_db()
    assert post.deleted_at is None
