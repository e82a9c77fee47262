import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plein.notifications.models import Notification
from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.posts.models import Attachment, Post, PostImage, PostRevision, Reaction
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (2000, 1000), "teal").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_post_renders_markdown_mentions_and_hashtags_safely(
    django_capture_on_commit_callbacks,
) -> None:
    author = PersonFactory()
    colleague = PersonFactory(email="jan.devries@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post = services.post_create(
            author=author,
            body="**Hallo** @jan.devries, zie #Onboarding <script>alert(1)</script> `#geen` "
            "https://example.org/pagina",
        )
    assert "<strong>Hallo</strong>" in post.body_html
    assert '<span class="mention">@jan.devries</span>' in post.body_html
    assert 'href="/posts/tags/onboarding/"' in post.body_html
    assert "<script>" not in post.body_html
    assert "<code>#geen</code>" in post.body_html
    assert [tag.name for tag in post.hashtags.all()] == ["onboarding"]
    assert list(post.mentioned_people.all()) == [colleague]
    assert post.link_url == "https://example.org/pagina"
    assert Notification.objects.filter(recipient=colleague, kind="mention").count() == 1


def test_javascript_links_are_removed() -> None:
    post = services.post_create(author=PersonFactory(), body="[klik](javascript:alert(1))")
    assert 'href="javascript' not in post.body_html
    assert "<a" not in post.body_html


def test_only_members_post_in_a_space_and_only_editors_announce() -> None:
    space = SpaceFactory()
    outsider = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.post_create(author=outsider, space=space, body="Hoi")
    with pytest.raises(PermissionDenied):
        services.post_create(author=outsider, body="Iedereen!", is_announcement=True)
    editor = PersonFactory(roles=["editor"])
    assert services.post_create(author=editor, body="Iedereen!", is_announcement=True).pk
    member = MembershipFactory(space=space).person
    assert services.post_create(author=member, space=space, body="Hoi").space == space


def test_empty_body_is_refused() -> None:
    with pytest.raises(ValidationError):
        services.post_create(author=PersonFactory(), body="   ")


def test_images_need_alt_text_and_get_thumbnails() -> None:
    author = PersonFactory()
    with pytest.raises(ValidationError):
        services.post_create(
            author=author, body="Foto", images=[services.ImageUpload(_png(), "  ")]
        )
    assert not Post.objects.exists()
    post = services.post_create(
        author=author,
        body="Foto",
        images=[services.ImageUpload(_png(), "Het team op de heidag")],
        attachments=[SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 test")],
    )
    image = PostImage.objects.get(post=post)
    assert (image.width, image.height) == (1600, 800)
    assert image.alt_text == "Het team op de heidag"
    attachment = Attachment.objects.get(post=post)
    assert attachment.name == "notulen.pdf" and attachment.size == 13
    assert not attachment.file.name.endswith(".pdf")


def test_bad_image_writes_nothing() -> None:
    with pytest.raises(ValidationError):
        services.post_create(
            author=PersonFactory(),
            body="Foto",
            images=[services.ImageUpload(SimpleUploadedFile("x.png", b"nope"), "iets")],
        )
    assert not Post.objects.exists()


def test_edit_keeps_history_and_marks_edited() -> None:
    author = PersonFactory()
    post = services.post_create(author=author, body="Eerste versie")
    services.post_update(post=post, editor=author, body="Tweede versie")
    post.refresh_from_db()
    assert post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == [
        "Eerste versie"
    ]
    with pytest.raises(PermissionDenied):
        services.post_update(post=post, editor=PersonFactory(), body="Gekaapt")


def test_soft_delete_and_restore_by_moderator_only() -> None:
    space = SpaceFactory()
    author = MembershipFactory(space=space).person
    moderator = MembershipFactory(space=space, role="moderator").person
    post = services.post_create(author=author, space=space, body="Weg ermee")
    services.post_delete(post=post, by=author)
    with pytest.raises(PermissionDenied):
        services.post_restore(post=post, by=author)
    services.post_restore(post=post, by=moderator)
    post.refresh_from_db()
    assert post.deleted_at is None


def test_comment_reply_and_notifications(django_capture_on_commit_callbacks) -> None:
    author = PersonFactory()
    commenter = PersonFactory()
    replier = PersonFactory()
    post = services.post_create(author=author, body="Vraag")
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(post=post, author=commenter, body="Antwoord")
        reply = services.comment_create(post=post, author=replier, body="Eens", parent=comment)
        nested = services.comment_create(post=post, author=author, body="Dank", parent=reply)
    assert nested.parent == comment  # one level of replies
    kinds = set(Notification.objects.values_list("recipient_id", "kind"))
    assert (author.pk, "comment") in kinds
    assert (commenter.pk, "reply") in kinds
    assert (replier.pk, "followed_post") in kinds


def test_reaction_toggle_and_replace() -> None:
    post = services.post_create(author=PersonFactory(), body="Mooi")
    person = PersonFactory()
    services.reaction_set(person=person, post=post, kind="like")
    services.reaction_set(person=person, post=post, kind="love")
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["love"]
    services.reaction_set(person=person, post=post, kind="love")
    assert not Reaction.objects.exists()


def test_no_notification_about_a_closed_space_post_for_non_members(
    django_capture_on_commit_callbacks,
) -> None:
    space = SpaceFactory(kind="closed")
    author = MembershipFactory(space=space).person
    outsider = PersonFactory(email="buiten.staander@example.org")
    insider = MembershipFactory(space=space, person__email="binnen.staander@example.org").person
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            author=author, space=space, body="Hoi @buiten.staander en @binnen.staander"
        )
    assert Notification.objects.filter(recipient=insider).exists()
    assert not Notification.objects.filter(recipient=outsider).exists()
