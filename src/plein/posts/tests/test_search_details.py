"""Each kind of post found by its own details (plein.core.registries.search.DETAILS, filled by
the kinds' apps), comments kept in step with their post, and the index after a removal: with
the real index (plein.search) and its query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plein.blogs import services as blog_services
from plein.core.registries import search
from plein.core.registries.people import people_changed
from plein.core.registries.search import DETAILS
from plein.events import services as event_services
from plein.events.models import Event
from plein.ideas import services as idea_services
from plein.ideas.tests.factories import IdeaFactory
from plein.kudos import services as kudos_services
from plein.kudos.tests.factories import BadgeFactory
from plein.news import services as news_services
from plein.news.tests.factories import news_item
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.polls import services as poll_services
from plein.posts import services
from plein.posts.models import Post
from plein.posts.services import EVERYONE_NOW
from plein.search.models import SearchEntry
from plein.search.selectors import search_entries
from plein.search.services import search_prune

pytestmark = pytest.mark.django_db


def found(word: str, kind: str = "post") -> list[int]:
    """The ids of the entries of `kind` a colleague finds with `word`."""
    reader = PersonFactory()
    return [entry.object_id for entry in search_entries(reader, word, kinds=[kind])]


def test_every_kind_with_details_registers_them() -> None:
    assert {details.key for details in DETAILS.all()} == {
        Post.Kind.NEWS,
        Post.Kind.BLOG,
        Post.Kind.POLL,
        Post.Kind.KUDOS,
        Post.Kind.IDEA,
    }


def test_news_is_found_by_a_word_only_in_its_lead_also_after_an_edit() -> None:
    item = news_item(title="Kantine", lead="Voortaan elke dag verse pompoensoep.", body="Open.")
    assert found("pompoensoep") == [item.post.pk]
    editor = PersonFactory(roles=["editor"])
    news_services.news_update(
        item=item,
        editor=editor,
        title="Kantine",
        lead="Voortaan elke dag verse tomatensoep.",
        body="Open.",
        reach=EVERYONE_NOW,
    )
    assert found("tomatensoep") == [item.post.pk]
    assert found("pompoensoep") == []


def test_a_poll_is_found_by_one_of_its_answers_also_after_they_change() -> None:
    author = PersonFactory()
    post = poll_services.poll_create(
        author=author, question="Waar lunchen we?", choices=["Strandpaviljoen", "Kantine"]
    )
    assert found("strandpaviljoen") == [post.pk]
    poll_services.poll_update(
        post=post, editor=author, question="Waar lunchen we?", choices=["Bos", "Stadspark"]
    )
    assert found("stadspark") == [post.pk]
    assert found("strandpaviljoen") == []


def test_a_blog_entry_is_found_by_its_series_as_it_moves_is_renamed_or_loses_it() -> None:
    author = PersonFactory()
    column = blog_services.series_create(owner=author, title="Keukengeheimen")
    other = blog_services.series_create(owner=author, title="Fietsverhalen")
    post = blog_services.blog_entry_create(
        author=author, title="Week 1", body="Deze week...", series=column
    )
    assert found("keukengeheimen") == [post.pk]
    blog_services.blog_entry_update(
        post=post, editor=author, title="Week 1", body="Deze week...", series=other
    )
    assert found("fietsverhalen") == [post.pk]
    assert found("keukengeheimen") == []
    other = blog_services.series_update(series=other, by=author, title="Wielerpraat")
    assert found("wielerpraat") == [post.pk]
    blog_services.series_delete(series=other, by=author)
    assert found("wielerpraat") == []
    assert found("week") == [post.pk]  # found by its own words still


def test_kudos_are_found_by_badge_and_recipient_also_after_the_badge_is_renamed() -> None:
    badge = BadgeFactory(name="Doorzetter")
    recipient = PersonFactory(first_name="Fenna", last_name="Zwanenburg")
    post = kudos_services.kudos_give(
        giver=PersonFactory(), recipient=recipient, badge=badge, message="Dank je!"
    )
    assert found("doorzetter") == [post.pk]
    assert found("zwanenburg") == [post.pk]
    manager = PersonFactory(roles=["community_manager"])
    kudos_services.badge_update(actor=manager, badge=badge, name="Volhouder", emoji="💪")
    assert found("volhouder") == [post.pk]
    assert found("doorzetter") == []
    Person.objects.filter(pk=recipient.pk).update(last_name="Zwaluw")
    people_changed(people=[Person.objects.get(pk=recipient.pk)])  # as the people app does
    assert found("zwaluw") == [post.pk]
    assert found("zwanenburg") == []


def test_a_decided_idea_is_found_by_the_explanation_of_its_status() -> None:
    idea = IdeaFactory()
    manager = PersonFactory(roles=["community_manager"])
    idea_services.idea_set_status(
        actor=manager, post=idea.post, status="planned", note="Komt in de zomerrelease."
    )
    assert found("zomerrelease") == [idea.post.pk]
    entry = SearchEntry.objects.get(kind="post", object_id=idea.post.pk)
    assert "Planned" in entry.extra  # the status, in the site's language (English in tests)


def test_an_event_is_found_by_its_place() -> None:
    organiser = PersonFactory(roles=["editor"])
    start = timezone.now() + timedelta(days=2)
    data = event_services.EventData(
        title="Teamoverleg",
        description="Over de planning",
        category=Event.Category.MEETING,
        location="Vergaderzaal Vuurtoren",
        online_url="",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    [event] = event_services.event_create(creator=organiser, data=data)
    assert found("vuurtoren", kind="event") == [event.pk]


def test_a_retitled_post_takes_its_comments_entries_along() -> None:
    author = PersonFactory()
    post = services.post_create(author=author, body="Wie heeft er een lader?", title="")
    comment = services.comment_create(post=post, author=PersonFactory(), body="Ik, kom maar")
    services.post_update(post=post, editor=author, body="Wie heeft er een oplader voor USB-C?")
    assert found("oplader", kind="comment") == [comment.pk]
    entry = SearchEntry.objects.get(kind="comment", object_id=comment.pk)
    assert entry.title == "Wie heeft er een oplader voor USB-C?"


def test_a_removed_post_takes_its_comments_out_of_the_index_and_back() -> None:
    author = PersonFactory()
    post = services.post_create(author=author, body="Fietsenstalling vol")
    comments = [
        services.comment_create(post=post, author=PersonFactory(), body=f"Reactie {n}")
        for n in range(3)
    ]
    services.post_delete(post=post, by=author)
    assert not SearchEntry.objects.filter(kind__in=["post", "comment"]).exists()
    moderator = PersonFactory(roles=["community_manager"])
    services.post_restore(post=Post.objects.get(pk=post.pk), by=moderator)
    indexed = set(SearchEntry.objects.filter(kind="comment").values_list("object_id", flat=True))
    assert indexed == {comment.pk for comment in comments}


def _posts_with_details(n: int) -> list[Post]:
    """n posts of every kind with details."""
    author, editor = PersonFactory(), PersonFactory(roles=["editor"])
    badge, series = BadgeFactory(), blog_services.series_create(owner=author, title="Serie")
    posts: list[Post] = []
    for i in range(n):
        posts.append(news_item(author=editor, lead=f"Lead {i}").post)
        posts.append(
            blog_services.blog_entry_create(author=author, title="B", body="b", series=series)
        )
        posts.append(poll_services.poll_create(author=author, question="?", choices=["a", "b"]))
        posts.append(
            kudos_services.kudos_give(
                giver=author, recipient=PersonFactory(), badge=badge, message="Top"
            )
        )
        posts.append(IdeaFactory().post)
        posts.append(services.post_create(author=author, body=f"Gewoon bericht {i}"))
    return [Post.objects.get(pk=post.pk) for post in posts]


def _queries_to_index(posts: list[Post]) -> int:
    with CaptureQueriesContext(connection) as queries:
        search.index_many("post", posts)
    return len(queries)


def test_indexing_many_posts_with_details_takes_a_fixed_number_of_queries() -> None:
    few = _queries_to_index(_posts_with_details(1))
    many = _queries_to_index(_posts_with_details(4))
    # one query per kind with details (5), the upsert, a savepoint and its release
    assert few == many == 8
    assert SearchEntry.objects.filter(kind="post").count() == 30


def test_the_prune_removes_what_a_cascade_in_the_database_left_behind() -> None:
    author = PersonFactory()
    kept = services.post_create(author=author, body="Blijft staan")
    gone = services.post_create(author=author, body="Verdwijnt")
    comment = services.comment_create(post=gone, author=author, body="Ik ook")
    Post.objects.filter(pk=gone.pk).delete()  # its comments go with it, past every service
    assert search_prune() == 2  # every kind's objects, one delete each
    assert set(SearchEntry.objects.values_list("kind", "object_id")) >= {("post", kept.pk)}
    assert not SearchEntry.objects.filter(kind="comment", object_id=comment.pk).exists()
    assert not SearchEntry.objects.filter(kind="post", object_id=gone.pk).exists()
