"""The streams as pages: start page, "more", space, profile, hashtag, and the mention lookup."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.posts.models import FeedVisit, PersonFollow
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .factories import CommentFactory, PostFactory, ReactionFactory

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [post.pk for post in response.context["stream_posts"]]


def test_start_page_shows_my_spaces_follows_and_announcements_not_closed_spaces(
    client, person
) -> None:
    mine = SpaceFactory(kind="closed")
    MembershipFactory(space=mine, person=person)
    other_closed = SpaceFactory(kind="closed")
    followed = PersonFactory()
    PersonFollow.objects.create(follower=person, followed=followed)
    in_mine = PostFactory(space=mine)
    from_followed = PostFactory(author=followed)
    announcement = PostFactory(is_announcement=True)
    hidden = PostFactory(space=other_closed)
    stranger_profile_post = PostFactory()
    client.force_login(person)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    shown = _ids(response)
    assert {in_mine.pk, from_followed.pk, announcement.pk} <= set(shown)
    assert hidden.pk not in shown
    assert stranger_profile_post.pk not in shown
    assert hidden.body not in response.content.decode()


def test_more_pages_by_htmx_and_without_javascript(client, person, settings) -> None:
    settings.PLEIN_FEED_PAGE_SIZE = 3
    now = timezone.now()
    posts = [PostFactory(author=person, created_at=now - timedelta(minutes=n)) for n in range(7)]
    client.force_login(person)
    first = client.get(reverse("core:home"))
    assert _ids(first) == [p.pk for p in posts[:3]]
    more_url = first.context["stream_more_url"]
    assert more_url.startswith(reverse("posts:feed"))
    partial = client.get(more_url, headers={"HX-Request": "true"})
    assert _ids(partial) == [p.pk for p in posts[3:6]]
    assert "<html" not in partial.content.decode()
    full = client.get(partial.context["stream_more_url"])
    assert _ids(full) == [posts[6].pk]
    assert "<html" in full.content.decode()
    assert not full.context["stream_more_url"]


def test_a_bad_cursor_starts_at_the_top(client, person) -> None:
    post = PostFactory(author=person)
    client.force_login(person)
    response = client.get(reverse("posts:feed"), {"before": "not-a-cursor!"})
    assert response.status_code == 200
    assert _ids(response) == [post.pk]


def test_new_since_last_visit_marker(client, person) -> None:
    now = timezone.now()
    old = PostFactory(author=person, created_at=now - timedelta(days=2))
    FeedVisit.objects.create(person=person, seen_at=now - timedelta(days=1))
    new = PostFactory(author=person, created_at=now - timedelta(hours=1))
    client.force_login(person)
    response = client.get(reverse("core:home"))
    assert _ids(response) == [new.pk, old.pk]
    assert response.context["stream_new_count"] == 1
    assert response.context["stream_marker_at"] == 1
    page = response.content.decode()
    assert "1 new post since your last visit" in page
    assert "Seen before your last visit" in page
    # A reload during the same visit keeps the marker where it was...
    assert client.get(reverse("core:home")).context["stream_new_count"] == 1
    # ...and on the next visit (after a break) the post is no longer new.
    FeedVisit.objects.filter(person=person).update(seen_at=now - timedelta(minutes=45))
    assert client.get(reverse("core:home")).context["stream_new_count"] == 0


def test_space_page_shows_its_stream_only_to_those_who_may_read_it(client, person) -> None:
    closed = SpaceFactory(kind="closed")
    post = PostFactory(space=closed, body="Geheim overleg")
    client.force_login(person)
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert response.context["stream_hidden"]
    assert "Geheim overleg" not in response.content.decode()
    assert client.get(reverse("posts:space_feed", args=[closed.slug])).status_code == 404
    MembershipFactory(space=closed, person=person)
    response = client.get(closed.get_absolute_url())
    assert _ids(response) == [post.pk]


def test_pinned_posts_are_shown_above_the_space_stream(client, person) -> None:
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    pinned = PostFactory(space=space, pinned_at=timezone.now())
    ordinary = PostFactory(space=space)
    client.force_login(person)
    response = client.get(space.get_absolute_url())
    assert [p.pk for p in response.context["pinned_posts"]] == [pinned.pk]
    assert _ids(response) == [ordinary.pk]


def test_profile_shows_the_persons_visible_posts(client, person) -> None:
    author = PersonFactory()
    public = PostFactory(author=author)
    closed = SpaceFactory(kind="closed")
    MembershipFactory(space=closed, person=author)
    hidden = PostFactory(author=author, space=closed)
    client.force_login(person)
    response = client.get(author.get_absolute_url())
    assert _ids(response) == [public.pk]
    assert hidden.pk not in _ids(response)
    assert response.context["can_follow"]


def test_hashtag_page_lists_visible_tagged_posts(client, person) -> None:
    author = PersonFactory()
    services.post_create(author=author, body="Op naar de #Heidag")
    closed = SpaceFactory(kind="closed")
    MembershipFactory(space=closed, person=author)
    services.post_create(author=author, space=closed, body="Besloten #heidag")
    client.force_login(person)
    response = client.get(reverse("posts:hashtag", args=["heidag"]))
    assert response.status_code == 200
    assert [p.body for p in response.context["stream_posts"]] == ["Op naar de #Heidag"]
    assert client.get(reverse("posts:hashtag", args=["onbekend"])).status_code == 404


def test_mention_suggestions_never_show_secret_spaces_to_outsiders(client, person) -> None:
    PersonFactory(first_name="Annemiek", last_name="Bos", email="annemiek.bos@example.org")
    PersonFactory(first_name="Anne", last_name="Weg", email="anne.weg@example.org", is_active=False)
    SpaceFactory(name="Annexatie", slug="annexatie", kind="secret")
    SpaceFactory(name="Anna's club", slug="annas-club")
    client.force_login(person)
    results = client.get(reverse("posts:mention_suggestions"), {"q": "ann"}).json()["results"]
    assert {(r["kind"], r["insert"]) for r in results} == {
        ("person", "annemiek.bos"),
        ("space", "annas-club"),
    }


def test_feed_pages_need_a_login(client) -> None:
    response = client.get(reverse("posts:feed"))
    assert response.status_code == 302
    assert client.get(reverse("posts:mention_suggestions"), {"q": "an"}).status_code == 302


def _queries(client, url: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    client.get(url)  # the first visit of the start page records it; measure the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.context["stream_posts"]), len(queries)


def test_query_count_does_not_grow_with_the_number_of_items(client, person, settings) -> None:
    space = SpaceFactory(kind="closed")
    MembershipFactory(space=space, person=person)
    others = PersonFactory.create_batch(3)
    for other in others:
        MembershipFactory(space=space, person=other)
    for n in range(30):
        post = PostFactory(space=space, author=others[n % 3])
        comment = CommentFactory(post=post, author=others[(n + 1) % 3])
        CommentFactory(post=post, author=others[(n + 2) % 3], parent=comment)
        ReactionFactory(post=post, person=others[n % 3], kind="celebrate")
    client.force_login(person)
    urls = [
        reverse("core:home"),
        reverse("posts:feed"),
        space.get_absolute_url(),
        reverse("posts:space_feed", args=[space.slug]),
    ]
    for url in urls:
        settings.PLEIN_FEED_PAGE_SIZE = 5
        small = _queries(client, url)
        settings.PLEIN_FEED_PAGE_SIZE = 25
        large = _queries(client, url)
        assert (small[0], large[0]) == (5, 25)
        assert small[1] == large[1], url


def test_a_stream_card_fetches_its_comment_box_when_asked(client, person) -> None:
    post = PostFactory(is_announcement=True)
    client.force_login(person)
    page = client.get(reverse("core:home")).content.decode()
    assert f'id="post-{post.pk}-comment-open"' in page
    assert f'id="post-{post.pk}-comment-new"' not in page  # the box itself is not on the page
    url = reverse("posts:comment_form", args=[post.pk])
    box = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'id="post-{post.pk}-comment-new"' in box and "autofocus" in box
    plain = client.get(url)
    assert plain.status_code == 302
    assert plain["Location"] == f"{post.get_absolute_url()}#post-{post.pk}-comment-new"


def test_no_comment_box_for_a_post_you_cannot_see(client, person) -> None:
    hidden = PostFactory(space=SpaceFactory(kind="closed"))
    client.force_login(person)
    url = reverse("posts:comment_form", args=[hidden.pk])
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


def test_commenting_from_a_stream_card_updates_its_comment_count(client, person) -> None:
    post = PostFactory(is_announcement=True)
    CommentFactory(post=post)
    client.force_login(person)
    response = client.post(
        reverse("posts:comment_create", args=[post.pk]),
        {"body": "Goed idee", "compact": "1", "next": "/"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Goed idee" in page
    assert f'id="post-{post.pk}-comment-count" hx-swap-oob="true"' in page
    assert "2 comments" in page
