"""People, spaces, posts, comments and reactions through the API, as the web pages do them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts.models import Comment, Post, Reaction
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .helpers import api_as, ids

pytestmark = pytest.mark.django_db


def _queries(call) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def test_people_are_paged_by_cursor_in_name_order_without_gaps_or_repeats() -> None:
    me = PersonFactory(last_name="Aalbers")
    people = [PersonFactory(last_name=f"Naam{n:02}") for n in range(7)]
    PersonFactory(last_name="Weg", is_active=False)
    client = api_as(me)
    seen: list[int] = []
    cursor = None
    for _ in range(5):
        response = client.get("/people/", {"limit": 3, **({"cursor": cursor} if cursor else {})})
        seen += [item["id"] for item in response.data["items"]]
        cursor = response.data["next"]
        if cursor is None:
            break
    assert seen == [me.pk] + [person.pk for person in people]


def test_the_people_list_costs_the_same_queries_for_2_or_20_people() -> None:
    me = PersonFactory()
    department = DepartmentFactory()
    for _ in range(21):
        PersonFactory(department=department)
    client = api_as(me)
    client.get("/people/me")  # the token's last use is written once; not part of the count
    few = _queries(lambda: client.get("/people/", {"limit": 2}))
    many = _queries(lambda: client.get("/people/", {"limit": 20}))
    assert few == many


def test_people_search_and_one_profile() -> None:
    me = PersonFactory()
    boss = PersonFactory(first_name="Anouk", last_name="Visser")
    worker = PersonFactory(first_name="Bram", last_name="Smit", job_title="Planner", manager=boss)
    client = api_as(me)
    assert ids(client.get("/people/", {"q": "planner"})) == {worker.pk}
    profile = client.get(f"/people/{worker.pk}").data
    assert profile["name"] == "Bram Smit"
    assert profile["manager"] == {"id": boss.pk, "name": "Anouk Visser"}
    boss.is_active = False
    boss.save(update_fields=["is_active"])
    assert client.get(f"/people/{worker.pk}").data["manager"] is None
    assert client.get(f"/people/{boss.pk}").status_code == 404
    assert client.get("/people/me").data["id"] == me.pk


def test_spaces_join_request_leave_and_members() -> None:
    me = PersonFactory()
    open_space = SpaceFactory(kind="open", name="Aa open")
    closed = SpaceFactory(kind="closed", name="Bb closed")
    secret = SpaceFactory(kind="secret", name="Cc secret")
    owner = PersonFactory()
    MembershipFactory(space=closed, person=owner, role=Membership.Role.OWNER)
    client = api_as(me)
    listed = ids(client.get("/spaces/"))
    assert {open_space.pk, closed.pk} <= listed and secret.pk not in listed
    assert client.get(f"/spaces/{secret.slug}").status_code == 404

    joined = client.post(f"/spaces/{open_space.slug}/join").data
    assert (joined["membership"], joined["role"], joined["member_count"]) == ("member", "member", 1)
    assert client.post(f"/spaces/{closed.slug}/join").status_code == 422
    asked = client.post(f"/spaces/{closed.slug}/request").data
    assert asked["membership"] == "requested"
    members = client.get(f"/spaces/{closed.slug}/members").data["items"]
    assert [m["person"]["id"] for m in members] == [owner.pk]
    assert ids(client.get("/spaces/", {"mine": True})) == {open_space.pk}

    assert client.post(f"/spaces/{open_space.slug}/leave").status_code == 204
    assert Membership.objects.get(space=open_space, person=me).state == "left"
    assert client.post(f"/spaces/{secret.slug}/join").status_code == 404


def test_an_invitation_to_a_secret_space_is_accepted_by_joining() -> None:
    me = PersonFactory()
    secret = SpaceFactory(kind="secret")
    MembershipFactory(space=secret, person=me, state=Membership.State.INVITED)
    client = api_as(me)
    assert client.get(f"/spaces/{secret.slug}").data["membership"] == "invited"
    assert client.post(f"/spaces/{secret.slug}/join").data["membership"] == "member"


def test_posting_editing_deleting_through_the_services() -> None:
    me = PersonFactory()
    space = SpaceFactory(kind="open")
    MembershipFactory(space=space, person=me)
    client = api_as(me)
    response = client.post("/posts/", {"body": "Hallo **allemaal**", "space": space.slug})
    assert response.status_code == 201, response.content
    post = Post.objects.get(pk=response.data["id"])
    assert (post.author, post.space) == (me, space)
    assert "<strong>allemaal</strong>" in response.data["body_html"]
    assert response.data["can_edit"] is True

    on_profile = client.post("/posts/", {"body": "Op mijn profiel"}).data
    assert on_profile["space"] is None

    changed = client.patch(f"/posts/{post.pk}", {"body": "Hallo iedereen"}).data
    assert changed["body"] == "Hallo iedereen" and changed["edited_at"]
    assert post.revisions.count() == 1

    other = api_as(PersonFactory())
    assert other.patch(f"/posts/{post.pk}", {"body": "Gekaapt"}).status_code == 403
    assert other.delete(f"/posts/{post.pk}").status_code == 403
    assert client.delete(f"/posts/{post.pk}").status_code == 204
    assert Post.objects.get(pk=post.pk).deleted_at is not None
    assert client.get(f"/posts/{post.pk}").status_code == 404


def test_posting_in_a_closed_space_needs_membership() -> None:
    me = PersonFactory()
    closed = SpaceFactory(kind="closed")
    client = api_as(me)
    assert client.post("/posts/", {"body": "Mag dit?", "space": closed.slug}).status_code == 403
    assert not Post.objects.exists()


def test_the_posts_list_is_newest_first_filtered_and_flat_in_queries() -> None:
    me = PersonFactory()
    space = SpaceFactory(kind="open")
    now = timezone.now()
    posts = [PostFactory(space=space, created_at=now - timedelta(minutes=n)) for n in range(22)]
    for post in posts[:5]:
        CommentFactory(post=post)
    PostFactory(created_at=now)  # on a profile
    client = api_as(me)
    page = client.get("/posts/", {"space": space.slug, "limit": 5}).data
    assert [item["id"] for item in page["items"]] == [post.pk for post in posts[:5]]
    assert page["items"][0]["comment_count"] == 1
    rest = client.get("/posts/", {"space": space.slug, "limit": 100, "cursor": page["next"]})
    assert [item["id"] for item in rest.data["items"]] == [post.pk for post in posts[5:]]
    assert rest.data["next"] is None
    few = _queries(lambda: client.get("/posts/", {"limit": 2}))
    many = _queries(lambda: client.get("/posts/", {"limit": 20}))
    assert few == many


def test_comments_and_reactions() -> None:
    me = PersonFactory()
    post = PostFactory()
    client = api_as(me)
    first = client.post(f"/posts/{post.pk}/comments", {"body": "Mooi!"})
    assert first.status_code == 201
    reply = client.post(f"/posts/{post.pk}/comments", {"body": "Echt", "parent": first.data["id"]})
    assert reply.data["parent_id"] == first.data["id"]
    listed = client.get(f"/posts/{post.pk}/comments").data
    assert [c["id"] for c in listed] == [first.data["id"], reply.data["id"]]
    assert Comment.objects.filter(post=post).count() == 2

    assert client.put(f"/posts/{post.pk}/reaction", {"kind": "love"}).data == {"kind": "love"}
    assert client.put(f"/posts/{post.pk}/reaction", {"kind": "love"}).data == {"kind": "love"}
    assert client.get(f"/posts/{post.pk}").data["reaction_counts"] == {"love": 1}
    assert client.put(f"/posts/{post.pk}/reaction", {"kind": "meh"}).status_code == 422
    assert client.delete(f"/posts/{post.pk}/reaction").status_code == 204
    assert not Reaction.objects.exists()


def test_comments_are_changed_and_deleted_by_their_author_only() -> None:
    me = PersonFactory()
    post = PostFactory()
    client = api_as(me)
    comment = client.post(f"/posts/{post.pk}/comments", {"body": "Eerst"}).data
    changed = client.patch(f"/comments/{comment['id']}", {"body": "Daarna"})
    assert changed.status_code == 200 and changed.data["body"] == "Daarna"
    assert changed.data["edited_at"] is not None
    other = api_as(PersonFactory())
    assert other.patch(f"/comments/{comment['id']}", {"body": "Gekaapt"}).status_code == 403
    assert other.delete(f"/comments/{comment['id']}").status_code == 403
    assert client.delete(f"/comments/{comment['id']}").status_code == 204
    assert Comment.objects.get(pk=comment["id"]).deleted_at is not None
    assert client.get(f"/posts/{post.pk}/comments").data == []
    assert client.delete(f"/comments/{comment['id']}").status_code == 404
