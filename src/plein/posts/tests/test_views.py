import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.posts.models import Comment, PersonFollow, Post, PostFollow, Reaction
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def space(person):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    return space


@pytest.fixture
def post(person, space):  # type: ignore[no-untyped-def]
    return services.post_create(author=person, body="Eerste **bericht**", space=space)


def test_create_in_space_with_image_and_attachment(logged_in_client, person, space) -> None:
    response = logged_in_client.post(
        reverse("posts:create"),
        {
            "body": "Kijk **hier**",
            "space": space.slug,
            "image_1": _png(),
            "alt_1": "Een groen vlak",
            "attachments": [SimpleUploadedFile("notes.txt", b"hallo", content_type="text/plain")],
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response.url == post.get_absolute_url()
    assert post.space == space and post.author == person
    assert "<strong>hier</strong>" in post.body_html
    assert [image.alt_text for image in post.images.all()] == ["Een groen vlak"]
    assert [a.name for a in post.attachments.all()] == ["notes.txt"]


def test_create_redirects_to_a_safe_next_only(logged_in_client, space) -> None:
    data = {"body": "Hallo", "space": space.slug}
    response = logged_in_client.post(reverse("posts:create"), {**data, "next": "/spaces/"})
    assert response.url == "/spaces/"
    response = logged_in_client.post(
        reverse("posts:create"), {**data, "next": "https://evil.example/"}
    )
    assert response.url == Post.objects.first().get_absolute_url()


def test_image_without_description_reshows_the_form_with_the_text(logged_in_client, space) -> None:
    response = logged_in_client.post(
        reverse("posts:create"),
        {"body": "Mijn getypte tekst", "space": space.slug, "image_1": _png(), "alt_1": " "},
    )
    assert response.status_code == 400
    assert not Post.objects.exists()
    html = response.content.decode()
    assert "Mijn getypte tekst</textarea>" in html
    assert "Describe image 1" in html
    assert "choose them again" in html


def test_get_shows_the_composer_page(logged_in_client, space) -> None:
    response = logged_in_client.get(reverse("posts:create") + f"?space={space.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="post-body"' in html and "data-mentions" in html
    assert f'name="space" value="{space.slug}"' in html
    assert 'id="post-announcement"' not in html


def test_create_in_invisible_space_is_404(logged_in_client) -> None:
    secret = SpaceFactory(kind=Space.Kind.SECRET)
    response = logged_in_client.post(
        reverse("posts:create"), {"body": "Hallo", "space": secret.slug}
    )
    assert response.status_code == 404


def test_announcement_only_for_editors(client, person) -> None:
    client.force_login(person)
    assert 'id="post-announcement"' not in client.get(reverse("posts:create")).content.decode()
    response = client.post(reverse("posts:create"), {"body": "Allen", "is_announcement": "on"})
    assert response.status_code == 403
    assert not Post.objects.exists()

    editor = PersonFactory(roles=["editor"])
    client.force_login(editor)
    assert 'id="post-announcement"' in client.get(reverse("posts:create")).content.decode()
    response = client.post(reverse("posts:create"), {"body": "Allen", "is_announcement": "on"})
    assert response.status_code == 302
    assert Post.objects.get().is_announcement


def test_preview_renders_markdown(logged_in_client) -> None:
    response = logged_in_client.post(
        reverse("posts:preview"), {"body": "**vet** <script>x</script>"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<strong>vet</strong>" in html
    assert "<script>" not in html
    # Without JavaScript the composer comes back with the preview and what was typed.
    response = logged_in_client.post(reverse("posts:preview"), {"body": "**vet**", "alt_2": "Kat"})
    html = response.content.decode()
    assert "<strong>vet</strong>" in html and "**vet**</textarea>" in html
    assert 'value="Kat"' in html


def test_detail_shows_card_and_comments(logged_in_client, post) -> None:
    comment = CommentFactory(post=post, body_html="<p>Mooi</p>")
    CommentFactory(post=post, parent=comment, body_html="<p>Eens</p>")
    response = logged_in_client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="post-{post.pk}"' in html
    assert "<strong>bericht</strong>" in html
    assert "Mooi" in html and "Eens" in html
    assert f'id="comment-{comment.pk}-reply"' in html


@pytest.mark.parametrize("kind", [Space.Kind.CLOSED, Space.Kind.SECRET])
def test_posts_in_spaces_you_cannot_read_are_404(logged_in_client, kind) -> None:
    space = SpaceFactory(kind=kind)
    post = PostFactory(space=space)
    for name in ("posts:detail", "posts:history", "posts:reactions"):
        assert logged_in_client.get(reverse(name, args=[post.pk])).status_code == 404
    assert (
        logged_in_client.post(reverse("posts:react", args=[post.pk]), {"kind": "like"}).status_code
        == 404
    )
    assert not Reaction.objects.exists()


def test_deleted_post_is_404_for_members_and_shown_removed_to_moderators(
    client, person, space, post
) -> None:
    moderator = PersonFactory()
    MembershipFactory(space=space, person=moderator, role=Membership.Role.MODERATOR)
    services.post_delete(post=post, by=person)
    client.force_login(person)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "post-card--removed" in response.content.decode()
    assert f'id="post-{post.pk}-restore"' in response.content.decode()
    response = client.post(reverse("posts:restore", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.deleted_at is None


def test_delete_asks_first_then_removes(logged_in_client, post, space) -> None:
    url = reverse("posts:delete", args=[post.pk])
    assert logged_in_client.get(url).status_code == 200
    post.refresh_from_db()
    assert post.deleted_at is None
    response = logged_in_client.post(url, {"next": post.get_absolute_url()})
    assert response.url == space.get_absolute_url()
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_others_may_not_edit_delete_restore_or_pin(client, post, space) -> None:
    other = PersonFactory()
    MembershipFactory(space=space, person=other)
    client.force_login(other)
    assert client.get(reverse("posts:edit", args=[post.pk])).status_code == 403
    assert client.post(reverse("posts:delete", args=[post.pk])).status_code == 403
    assert client.post(reverse("posts:pin", args=[post.pk]), {"pinned": "1"}).status_code == 403
    assert client.post(reverse("posts:restore", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.deleted_at is None and post.pinned_at is None


def test_moderator_pins_and_unpins(client, post, space) -> None:
    moderator = PersonFactory()
    MembershipFactory(space=space, person=moderator, role=Membership.Role.MODERATOR)
    client.force_login(moderator)
    url = reverse("posts:pin", args=[post.pk])
    client.post(url, {"pinned": "1"})
    post.refresh_from_db()
    assert post.pinned_at is not None
    client.post(url, {"pinned": "0"})
    post.refresh_from_db()
    assert post.pinned_at is None
    assert client.post(url, {"pinned": "maybe"}).status_code == 400


def test_react_plain_post_redirects_and_toggles(logged_in_client, person, post) -> None:
    url = reverse("posts:react", args=[post.pk])
    response = logged_in_client.post(url, {"kind": "love", "next": "/posts/"})
    assert response.status_code == 302 and response.url == "/posts/"
    assert Reaction.objects.get(person=person, post=post).kind == "love"
    logged_in_client.post(url, {"kind": "love"})
    assert not Reaction.objects.exists()
    assert logged_in_client.post(url, {"kind": "angry"}).status_code == 400


def test_react_with_htmx_returns_the_reaction_bar(logged_in_client, person, post) -> None:
    url = reverse("posts:react", args=[post.pk])
    response = logged_in_client.post(url, {"kind": "like"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<div class="reaction-bar" id="post-{post.pk}-reactions"')
    assert f'id="post-{post.pk}-react-like"' in html
    assert 'aria-pressed="true"' in html
    assert Reaction.objects.get(person=person).kind == "like"


def test_comment_and_reply_plain_and_htmx(logged_in_client, person, post) -> None:
    url = reverse("posts:comment_create", args=[post.pk])
    response = logged_in_client.post(url, {"body": "Goed *idee*"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#comment-{comment.pk}")
    assert "<em>idee</em>" in comment.body_html
    response = logged_in_client.post(
        url, {"body": "Eens", "parent": comment.pk}, HTTP_HX_REQUEST="true"
    )
    reply = Comment.objects.get(parent=comment)
    assert f'id="comment-{reply.pk}"' in response.content.decode()
    # An empty comment re-shows the page with a message, and saves nothing.
    response = logged_in_client.post(url, {"body": "  "})
    assert response.status_code == 400
    assert Comment.objects.count() == 2


def test_comment_reaction_edit_and_delete(client, person, post) -> None:
    comment = services.comment_create(post=post, author=person, body="Eerst")
    client.force_login(person)
    response = client.post(
        reverse("posts:comment_react", args=[comment.pk]), {"kind": "like"}, HTTP_HX_REQUEST="true"
    )
    assert 'aria-pressed="true"' in response.content.decode()
    assert Reaction.objects.get(comment=comment).person == person
    client.post(reverse("posts:comment_edit", args=[comment.pk]), {"body": "Daarna"})
    comment.refresh_from_db()
    assert comment.body == "Daarna" and comment.edited_at is not None
    other = PersonFactory()
    client.force_login(other)
    assert client.get(reverse("posts:comment_edit", args=[comment.pk])).status_code == 403
    assert client.post(reverse("posts:comment_delete", args=[comment.pk])).status_code == 403
    client.force_login(person)
    client.post(reverse("posts:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.deleted_at is not None


def test_edit_keeps_history(logged_in_client, person, post) -> None:
    response = logged_in_client.post(
        reverse("posts:edit", args=[post.pk]), {"body": "Nieuwe tekst"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Nieuwe tekst" and post.edited_at is not None
    detail = logged_in_client.get(post.get_absolute_url()).content.decode()
    assert f'id="post-{post.pk}-edited"' in detail
    history = logged_in_client.get(reverse("posts:history", args=[post.pk])).content.decode()
    assert history.index("Nieuwe tekst") < history.index("Eerste **bericht**")
    assert escape(person.full_name) in history  # names such as D'Hondt are escaped


def test_edit_removes_and_adds_files(logged_in_client, person, space) -> None:
    post = services.post_create(
        author=person,
        body="Met plaatje",
        space=space,
        images=[services.ImageUpload(_png(), "Oud")],
    )
    old = post.images.get()
    response = logged_in_client.post(
        reverse("posts:edit", args=[post.pk]),
        {"body": "Met plaatje", "remove_images": [old.pk], "image_1": _png(), "alt_1": "Nieuw"},
    )
    assert response.status_code == 302
    assert [image.alt_text for image in post.images.all()] == ["Nieuw"]


def test_follow_and_mute_post(logged_in_client, person, post) -> None:
    url = reverse("posts:follow_post", args=[post.pk])
    logged_in_client.post(url, {"state": "muted"})
    assert PostFollow.objects.get(person=person, post=post).state == "muted"
    logged_in_client.post(url, {"state": "none"})
    assert not PostFollow.objects.filter(person=person, post=post).exists()
    assert logged_in_client.post(url, {"state": "loud"}).status_code == 400


def test_follow_person(logged_in_client, person) -> None:
    other = PersonFactory()
    url = reverse("posts:follow_person", args=[other.pk])
    response = logged_in_client.post(url, {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert PersonFollow.objects.filter(follower=person, followed=other).exists()
    assert 'name="follow" value="0"' in response.content.decode()
    response = logged_in_client.post(url, {"follow": "0"})
    assert response.url == other.get_absolute_url()
    assert not PersonFollow.objects.exists()
    assert (
        logged_in_client.post(
            reverse("posts:follow_person", args=[person.pk]), {"follow": "1"}
        ).status_code
        == 403
    )


def test_reactions_page_lists_people_by_kind(logged_in_client, person, post) -> None:
    other = PersonFactory()
    services.reaction_set(person=other, post=post, kind="celebrate")
    response = logged_in_client.get(reverse("posts:reactions", args=[post.pk]))
    html = response.content.decode()
    assert 'id="reaction-group-celebrate"' in html and escape(other.full_name) in html
    assert 'id="reaction-group-like"' not in html


def _attachment_post(person, space, name: str, content_type: str, data: bytes) -> Post:  # type: ignore[no-untyped-def]
    return services.post_create(
        author=person,
        body="Bestand",
        space=space,
        attachments=[SimpleUploadedFile(name, data, content_type=content_type)],
    )


@pytest.mark.parametrize(
    ("name", "expected_type"),
    [
        ("page.html", "application/octet-stream"),
        ("drawing.svg", "application/octet-stream"),
        ("report.pdf", "application/pdf"),
        ("notes.txt", "text/plain"),
    ],
)
def test_download_headers(logged_in_client, person, space, name, expected_type) -> None:
    post = _attachment_post(person, space, name, "text/html", b"<script>alert(1)</script>")
    attachment = post.attachments.get()
    response = logged_in_client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == expected_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


def test_download_name_is_encoded_safely(logged_in_client, person, space) -> None:
    post = _attachment_post(person, space, 'rapport "€".txt', "text/plain", b"x")
    response = logged_in_client.get(post.attachments.get().get_absolute_url())
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_download_and_image_need_permission(client, person, space) -> None:
    post = services.post_create(
        author=person,
        body="Geheim",
        space=space,
        images=[services.ImageUpload(_png(), "Plaatje")],
        attachments=[SimpleUploadedFile("a.txt", b"x")],
    )
    space.kind = Space.Kind.SECRET
    space.save()
    image = post.images.get()
    client.force_login(person)
    assert (
        client.get(reverse("posts:image", args=[post.pk, image.pk, "thumb"]))["Content-Type"]
        == "image/jpeg"
    )
    assert client.get(reverse("posts:image", args=[post.pk, image.pk, "huge"])).status_code == 404
    client.force_login(PersonFactory())
    assert client.get(post.attachments.get().get_absolute_url()).status_code == 404
    assert client.get(reverse("posts:image", args=[post.pk, image.pk, "large"])).status_code == 404


def test_post_page_query_count_does_not_grow_with_comments(
    logged_in_client, post, django_assert_num_queries
) -> None:
    url = post.get_absolute_url()
    logged_in_client.get(url)  # warms the per-process caches (branding, sessions)
    top = CommentFactory(post=post)
    CommentFactory(post=post, parent=top)
    with django_assert_num_queries(PAGE_QUERIES):
        logged_in_client.get(url)
    for _ in range(5):
        top = CommentFactory(post=post)
        CommentFactory(post=post, parent=top)
    ReactionFactory(post=post)
    with django_assert_num_queries(PAGE_QUERIES):
        response = logged_in_client.get(url)
    assert response.content.decode().count('class="comment"') == 12


# with the INSERT of the page view in the usage record (plein.adoption); the comments and the
# reader's reactions to them in one query (selectors.post_comments); no comment previews (the
# page shows all comments)
PAGE_QUERIES = 9
