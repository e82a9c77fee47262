from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.posts import selectors
from plein.posts.models import Attachment, Hashtag, PersonFollow, Post
from plein.posts.selectors import Cursor
from plein.posts.tests.factories import CommentFactory, PostFactory, ReactionFactory
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _walk(fetch, size: int) -> list[int]:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    cursor = None
    for _ in range(100):
        page = fetch(cursor=cursor, size=size)
        assert len(page.posts) <= size
        seen += [post.pk for post in page.posts]
        cursor = page.next_cursor
        if cursor is None:
            return seen
        cursor = Cursor.decode(cursor.encode())  # as it travels through a link
    raise AssertionError("the stream does not end")


@pytest.mark.parametrize("size", [1, 4, 7, 25])
def test_pages_follow_each_other_without_gaps_or_repeats(size: int) -> None:
    author = PersonFactory()
    moments = [timezone.now() - timedelta(hours=h) for h in (1, 1, 1, 2, 2, 3)]
    for number in range(24):
        PostFactory(author=author, created_at=moments[number % len(moments)])
    expected = list(
        Post.objects.filter(author=author)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    seen = _walk(lambda **kw: selectors.person_feed(author, author, **kw), size)
    assert seen == expected


def test_a_cursor_survives_a_link_and_rubbish_is_ignored() -> None:
    cursor = Cursor(timezone.now(), 42)
    assert Cursor.decode(cursor.encode()) == cursor
    for rubbish in ("", None, "bm9nIGVlbg", "!!", "MjAyNHww"):
        assert Cursor.decode(rubbish) is None


def test_home_feed_has_my_spaces_followed_people_announcements_and_my_own_posts() -> None:
    me, friend, stranger = PersonFactory(), PersonFactory(), PersonFactory()
    PersonFollow.objects.create(follower=me, followed=friend)
    mine_space = SpaceFactory(kind=Space.Kind.OPEN)
    MembershipFactory(space=mine_space, person=me)
    other_open = SpaceFactory(kind=Space.Kind.OPEN)
    closed = SpaceFactory(kind=Space.Kind.CLOSED)
    left = SpaceFactory(kind=Space.Kind.OPEN)
    MembershipFactory(space=left, person=me, state="left")
    for space in (mine_space, other_open, closed, left):
        MembershipFactory(space=space, person=friend)
        MembershipFactory(space=space, person=stranger)

    shown = [
        PostFactory(author=stranger, space=mine_space),
        PostFactory(author=friend),
        PostFactory(author=friend, space=other_open),  # followed, and the space is open
        PostFactory(author=PersonFactory(roles=["editor"]), is_announcement=True),
        PostFactory(author=me),
    ]
    hidden = [
        PostFactory(author=stranger),
        PostFactory(author=stranger, space=other_open),
        PostFactory(author=friend, space=closed),  # followed, but not my closed space
        PostFactory(author=stranger, space=closed),
        PostFactory(author=stranger, space=left),
        PostFactory(author=friend, space=mine_space, deleted_at=timezone.now()),
    ]
    got = {post.pk for post in selectors.home_feed(me).posts}
    assert got == {post.pk for post in shown}
    assert not got & {post.pk for post in hidden}


def test_pinned_posts_sit_above_the_space_stream_not_in_it() -> None:
    space = SpaceFactory()
    member = MembershipFactory(space=space).person
    pinned = PostFactory(author=member, space=space, pinned_at=timezone.now())
    ordinary = PostFactory(author=member, space=space)
    assert [p.pk for p in selectors.space_feed(member, space).posts] == [ordinary.pk]
    assert [p.pk for p in selectors.pinned_posts(member, space)] == [pinned.pk]


def test_decorate_tells_what_each_person_may_do() -> None:
    space = SpaceFactory()
    author = MembershipFactory(space=space).person
    moderator = MembershipFactory(space=space, role="moderator").person
    post = PostFactory(author=author, space=space)
    ReactionFactory(post=post, person=moderator, kind="love")
    as_author = selectors.post_get(author, post.pk)
    as_moderator = selectors.post_get(Person.objects.get(pk=moderator.pk), post.pk)
    assert as_author is not None and as_moderator is not None
    assert (as_author.can_edit, as_author.can_delete, as_author.can_pin) == (True, True, False)
    assert (as_moderator.can_edit, as_moderator.can_delete, as_moderator.can_pin) == (
        False,
        True,
        True,
    )
    assert as_moderator.my_reaction == "love" and as_author.my_reaction is None
    assert as_author.reaction_summary == [("love", 1)]


# --- Query counts -------------------------------------------------------------------------------


def _organisation(posts: int) -> int:
    """A member of three spaces with `posts` posts from many people, each with comments,
    reactions, a hashtag and a file; returns the member's id."""
    me = PersonFactory()
    spaces = [SpaceFactory() for _ in range(3)]
    for space in spaces:
        MembershipFactory(space=space, person=me)
    tag, _new = Hashtag.objects.get_or_create(name="intranet")
    people = [PersonFactory() for _ in range(5)]
    for person in people:
        PersonFollow.objects.create(follower=me, followed=person)
    for number in range(posts):
        author = people[number % len(people)]
        post = PostFactory(author=author, space=spaces[number % 3] if number % 4 else None)
        post.hashtags.add(tag)
        Attachment.objects.create(post=post, name="a.pdf", content_type="application/pdf")
        for commenter in people[:2]:
            CommentFactory(post=post, author=commenter)
        ReactionFactory(post=post, person=people[(number + 1) % len(people)])
        ReactionFactory(post=post, person=me, kind="celebrate")
    return me.pk


def _queries_of_home_feed(me_id: int, size: int, pages: int = 1) -> tuple[int, int]:
    """Queries of the last of `pages` pages (each page with a fresh user object, as each
    request has), and how many posts it showed."""
    cursor = None
    for _ in range(pages):
        viewer = Person.objects.get(pk=me_id)
        with CaptureQueriesContext(connection) as context:
            page = selectors.home_feed(viewer, cursor=cursor, size=size)
        cursor = page.next_cursor
    return len(context.captured_queries), len(page.posts)


# The page (with my reaction and follow state), the files (every post here has one; pictures
# none, so no query for them), the latest comments, my memberships; and the viewer's permissions
# (user and group: once per request).
PERMISSION_QUERIES = 2
HOME_FEED_QUERIES = 4 + PERMISSION_QUERIES


def test_home_feed_costs_the_same_queries_for_every_page_size() -> None:
    me_id = _organisation(60)
    counts = {}
    for size in (10, 20, 50):
        counts[size], shown = _queries_of_home_feed(me_id, size)
        assert shown == size
    assert set(counts.values()) == {HOME_FEED_QUERIES}, counts


def test_home_feed_costs_the_same_queries_with_few_or_many_posts() -> None:
    few_id = _organisation(12)
    few, _shown = _queries_of_home_feed(few_id, 10)
    many_id = _organisation(120)
    many, _shown = _queries_of_home_feed(many_id, 10)
    later, shown = _queries_of_home_feed(many_id, 10, pages=5)
    assert shown == 10
    assert few == many == later == HOME_FEED_QUERIES


def test_home_feed_query_count_is_pinned(django_assert_num_queries) -> None:
    me_id = _organisation(30)
    viewer = Person.objects.get(pk=me_id)
    with django_assert_num_queries(HOME_FEED_QUERIES):
        page = selectors.home_feed(viewer, size=20)
        assert all(len(post.latest_comments) == 2 for post in page.posts)
        assert all(post.attachment_list[0].name == "a.pdf" for post in page.posts)
        assert all(
            post.author.department_id is None or post.author.department for post in page.posts
        )
        assert all(post.comment_count == 2 and post.reaction_count == 2 for post in page.posts)


def test_comment_previews_are_the_two_newest_top_level_comments_of_posts_that_have_any() -> None:
    commented, quiet = PostFactory(), PostFactory()
    first, second, third = (CommentFactory(post=commented) for _ in range(3))
    CommentFactory(post=commented, parent=third)  # a reply is never a preview
    removed = CommentFactory(post=commented)
    removed.deleted_at = timezone.now()
    removed.save(update_fields=["deleted_at"])
    commented.refresh_from_db()
    quiet.refresh_from_db()
    viewer = PersonFactory()
    decorated = {post.pk: post for post in selectors.decorate([commented, quiet], viewer)}
    assert [c.pk for c in decorated[commented.pk].latest_comments] == [second.pk, third.pk]
    assert decorated[quiet.pk].latest_comments == []
    assert first.pk not in [c.pk for c in decorated[commented.pk].latest_comments]


def test_a_post_page_loads_no_comment_previews() -> None:
    post = PostFactory()
    CommentFactory(post=post)
    viewer = PersonFactory()
    with CaptureQueriesContext(connection) as context:
        found = selectors.post_get(viewer, post.pk)
    assert found is not None and found.latest_comments == []
    assert not any('"posts_comment"' in q["sql"] for q in context.captured_queries)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner has no statistics")
def test_comment_previews_walk_the_posts_comments_not_every_top_level_comment() -> None:
    post = PostFactory()
    CommentFactory(post=post)
    with CaptureQueriesContext(connection) as context:
        selectors._latest_comments([post.pk])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + context.captured_queries[0]["sql"])
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "comment_post_idx" in plan, plan
    assert "parent_id" not in plan, plan
