"""Roles x space kinds x a person's relation to the space x every surface that shows a post.

Each case builds one space with a post (hashtag, attachment, comment, reaction), a removed post,
and a viewer, then asks every surface whether the viewer gets to see the post. The expectation
comes from the rules as written in plain words (spaces/permissions.py and posts/permissions.py),
not from the code under test, so a surface that leaks closed or secret content fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from plein.notifications.models import Notification
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.posts import permissions, selectors, services
from plein.posts.models import Attachment, Hashtag, PersonFollow, Post, PostFollow
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces import permissions as space_rules
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

ROLES = ("employee", "editor", "community_manager", "administrator")
KINDS = ("open", "closed", "secret")
RELATIONS = (
    "member",
    "moderator",
    "invited",
    "requested",
    "left",
    "removed",
    "deactivated",
    "none",
)
MEMBER_STATE = {
    "member": "member",
    "moderator": "member",
    "invited": "invited",
    "requested": "requested",
    "left": "left",
    "removed": "removed",
    "deactivated": "member",
}


@dataclass
class World:
    viewer: Person
    author: Person
    space: Space
    post: Post
    removed: Post
    hashtag: Hashtag
    attachment: Attachment


def _build(role: str, kind: str, relation: str) -> World:
    viewer = PersonFactory(roles=[] if role == "employee" else [role])
    author = PersonFactory()
    space = SpaceFactory(kind=kind, name=f"Geheimpje {kind}", slug=f"geheimpje-{kind}")
    MembershipFactory(space=space, person=author, role=Membership.Role.OWNER)
    if relation in MEMBER_STATE:
        MembershipFactory(
            space=space,
            person=viewer,
            state=MEMBER_STATE[relation],
            role="moderator" if relation == "moderator" else "member",
        )
    hashtag = Hashtag.objects.create(name="teamuitje")
    post = PostFactory(author=author, space=space, body="Uitje #teamuitje")
    post.hashtags.add(hashtag)
    attachment = Attachment.objects.create(
        post=post, name="planning.pdf", content_type="application/pdf", file="posts/x"
    )
    CommentFactory(post=post, author=author)
    CommentFactory(post=post, author=author, deleted_at=timezone.now())
    ReactionFactory(post=post, person=author)
    removed = PostFactory(author=author, space=space, deleted_at=timezone.now())
    CommentFactory(post=removed, author=author)
    removed.hashtags.add(hashtag)
    # Following the author puts their posts in the home feed, where the rules allow it.
    PersonFollow.objects.create(follower=viewer, followed=author)
    if relation == "deactivated":
        viewer.is_active = False
        viewer.save(update_fields=["is_active"])
    return World(viewer, author, space, post, removed, hashtag, attachment)


def _expected(role: str, kind: str, relation: str) -> tuple[bool, bool, bool]:
    """(sees the post, sees the removed post, sees the space), from the rules in words."""
    if relation == "deactivated":
        return False, False, False
    is_member = relation in ("member", "moderator")
    sees_post = kind == "open" or is_member
    moderates = relation == "moderator" or role == "community_manager"
    sees_space = kind != "secret" or relation in ("member", "moderator", "invited")
    return sees_post, sees_post and moderates, sees_space


def _listed(viewer: Person, post: Post) -> bool:
    return permissions.visible_posts(viewer).filter(pk=post.pk).exists()


def _ids(page: selectors.FeedPage) -> set[int]:
    return {post.pk for post in page.posts}


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_every_surface_follows_the_rules(
    role: str, kind: str, relation: str, django_capture_on_commit_callbacks
) -> None:
    world = _build(role, kind, relation)
    viewer, post, removed = world.viewer, world.post, world.removed
    sees, sees_removed, sees_space = _expected(role, kind, relation)

    # The rule and its queryset agree.
    assert permissions.can_view_post(viewer, post) is sees
    assert _listed(viewer, post) is sees
    assert permissions.can_view_post(viewer, removed) is sees_removed
    assert not _listed(viewer, removed)  # removed posts never reach a list
    assert (selectors.post_get(viewer, post.pk) is not None) is sees
    assert (selectors.post_get(viewer, removed.pk) is not None) is sees_removed
    assert permissions.can_respond(viewer, post) is sees
    assert permissions.can_download(viewer, world.attachment) is sees
    assert space_rules.can_view_space(viewer, world.space) is sees_space

    # Every feed shows it exactly when the rules allow it, and never the removed one.
    feeds = {
        "home": selectors.home_feed(viewer),
        "space": selectors.space_feed(viewer, world.space),
        "person": selectors.person_feed(viewer, world.author),
        "hashtag": selectors.hashtag_feed(viewer, world.hashtag),
    }
    for name, page in feeds.items():
        assert (post.pk in _ids(page)) is sees, name
        assert removed.pk not in _ids(page), name

    # Counts are only reachable through visible posts.
    counted = selectors.with_cards(permissions.visible_posts(viewer)).filter(pk=post.pk).first()
    assert (counted is not None) is sees
    if counted is not None:
        assert (counted.comment_count, counted.reaction_count) == (1, 1)
    assert permissions.visible_comments(viewer).filter(post=post).exists() is sees
    # The post page asks for one post's comments by comments_of: the same rows as the list rule
    # (none of a removed post, never a removed comment).
    for shown in (post, removed):
        listed = permissions.visible_comments(viewer).filter(post=shown)
        assert set(permissions.comments_of(viewer, shown)) == set(listed)
    assert permissions.comments_of(viewer, post).count() == (1 if sees else 0)
    # The rule on posts already loaded (the bell, the spotlight) agrees with the list too.
    fresh = Person.objects.get(pk=viewer.pk)  # (it leaves memberships on the user, as decorate)
    assert permissions.listed_among(fresh, [post, removed]) == ({post.pk} if sees else set())

    # The space turns up among mention suggestions only for those who may see it.
    suggested = selectors.mention_suggestions(viewer, "Geheimpje")
    assert (world.space in suggested) is sees_space

    # Notifications: mentioned in a new post, and a comment on a post the viewer follows.
    PostFollow.objects.create(person=viewer, post=post)
    local = viewer.email.split("@")[0]
    with django_capture_on_commit_callbacks(execute=True):
        mention = services.post_create(
            author=world.author, space=world.space, body=f"Kijk even @{local}"
        )
        services.comment_create(post=post, author=world.author, body="Nieuwe planning")
    notified = set(Notification.objects.filter(recipient=viewer).values_list("kind", "post_id"))
    expected = {("mention", mention.pk), ("followed_post", post.pk)} if sees else set()
    assert notified == expected


@pytest.mark.parametrize("role", ROLES)
def test_profile_posts_and_announcements_reach_every_active_person(role: str) -> None:
    viewer = PersonFactory(roles=[] if role == "employee" else [role])
    profile = PostFactory()
    announcement = PostFactory(author=PersonFactory(roles=["editor"]), is_announcement=True)
    for post in (profile, announcement):
        assert permissions.can_view_post(viewer, post)
        assert _listed(viewer, post)
    assert announcement.pk in _ids(selectors.home_feed(viewer))
    assert profile.pk not in _ids(selectors.home_feed(viewer))  # not followed, not own
    viewer.is_active = False
    viewer.save(update_fields=["is_active"])
    for post in (profile, announcement):
        assert not permissions.can_view_post(viewer, post)
        assert not _listed(viewer, post)
    assert selectors.home_feed(viewer).posts == []


def test_anonymous_visitors_see_nothing() -> None:
    world = _build("employee", "open", "none")
    anonymous = AnonymousUser()
    assert not permissions.can_view_post(anonymous, world.post)
    assert not permissions.visible_posts(anonymous).exists()
    assert not permissions.can_download(anonymous, world.attachment)
    assert selectors.space_feed(anonymous, world.space).posts == []
    assert selectors.hashtag_feed(anonymous, world.hashtag).posts == []


def test_a_community_manager_outside_a_secret_space_sees_none_of_it() -> None:
    world = _build("community_manager", "secret", "none")
    manager = world.viewer
    assert manager.has_perm("posts.moderate_posts")
    assert not permissions.can_view_post(manager, world.removed)
    assert not permissions.can_moderate_post(manager, world.post)
    assert not permissions.can_restore_post(manager, world.removed)
    assert selectors.post_get(manager, world.removed.pk) is None
    assert not space_rules.visible_spaces(manager).filter(pk=world.space.pk).exists()


# --- The same matrix over HTTP: pages, downloads, suggestions and notifications ----------------

HTTP_ROLES = ("employee", "community_manager")  # the roles whose rules differ for posts


def _status(client, name: str, *args: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name, args=args))
    body = b"" if response.streaming else response.content
    return response.status_code, body.decode(errors="replace")


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", HTTP_ROLES)
def test_every_page_follows_the_rules(role: str, kind: str, relation: str, client) -> None:
    world = _build(role, kind, relation)
    sees, sees_removed, sees_space = _expected(role, kind, relation)
    world.attachment.file.save("planning.pdf", ContentFile(b"%PDF-1.4 planning"), save=True)
    notification = Notification.objects.create(
        recipient=world.viewer, actor=world.author, kind="comment", post=world.post
    )
    client.force_login(world.viewer)
    post_url = reverse("posts:detail", args=[world.post.pk])
    removed_url = reverse("posts:detail", args=[world.removed.pk])
    refused = 302 if relation == "deactivated" else 404  # a deactivated person is logged out

    status, _html = _status(client, "posts:detail", world.post.pk)
    assert status == (200 if sees else refused)
    status, _html = _status(client, "posts:detail", world.removed.pk)
    assert status == (200 if sees_removed else refused)

    response = client.get(reverse("posts:attachment", args=[world.post.pk, world.attachment.pk]))
    assert response.status_code == (200 if sees else refused)
    if sees:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 planning"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]

    for name, arg in (("posts:space_feed", world.space.slug), ("posts:hashtag", "teamuitje")):
        status, html = _status(client, name, arg)
        if relation == "deactivated":
            assert status == 302
            continue
        if name == "posts:space_feed" and not sees:
            assert status == 404
            continue
        assert status == 200, name
        assert (post_url in html) is sees, name
        assert removed_url not in html, name

    response = client.get(reverse("posts:mention_suggestions"), {"q": "Geheimpje"})
    if relation == "deactivated":
        assert response.status_code == 302
    else:
        inserted = {item["insert"] for item in response.json()["results"]}
        assert (world.space.slug in inserted) is sees_space

    status, html = _status(client, "notifications:list")
    if relation == "deactivated":
        assert status == 302
    else:
        assert status == 200
        assert (reverse("notifications:open", args=[notification.pk]) in html) is sees
