"""Posts and comments in the site-wide search: their entries, and the services keeping them
current (plein.posts.search, plein.core.registries.search)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.news.tests.factories import news_item
from plein.people.tests.factories import PersonFactory
from plein.posts import services
from plein.posts.models import Post
from plein.posts.search import comment_entry, post_entry
from plein.posts.tests.factories import CommentFactory, PostFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_posts_and_comments_are_search_kinds() -> None:
    assert KINDS.get("post") is not None
    assert KINDS.get("comment") is not None


def test_creating_editing_deleting_and_restoring_a_post_indexes_it(recorder: Recorder) -> None:
    author = PersonFactory()
    moderator = PersonFactory(roles=["community_manager"])
    post = services.post_create(author=author, body="Eerste versie")
    assert recorder.calls == [("index", "post", post.pk)]
    services.post_update(post=post, editor=author, body="Tweede versie #planning")
    services.post_delete(post=post, by=author)
    services.post_restore(post=Post.objects.get(pk=post.pk), by=moderator)
    assert recorder.calls == [("index", "post", post.pk)] * 4


def test_creating_editing_and_deleting_a_comment_indexes_it(recorder: Recorder) -> None:
    post = PostFactory()
    author = PersonFactory()
    comment = services.comment_create(post=post, author=author, body="Goed idee")
    services.comment_update(comment=comment, editor=author, body="Heel goed idee")
    services.comment_delete(comment=comment, by=author)
    assert recorder.calls == [("index", "comment", comment.pk)] * 3


def test_news_is_indexed_as_a_post(recorder: Recorder) -> None:
    item = news_item(title="Nieuwe kantine", lead="Eindelijk verse soep.", body="Vanaf maandag.")
    # the post, then the post with its lead (written after the post)
    assert recorder.calls == [("index", "post", item.post.pk)] * 2
    entry = recorder.entries[("post", item.post.pk)]
    assert entry is not None
    assert (entry.title, entry.subkind) == ("Nieuwe kantine", "news")
    assert entry.body == "Eindelijk verse soep. Vanaf maandag."
    assert entry.url == item.post.get_absolute_url()


def test_entry_of_a_post_is_its_plain_text_hashtags_and_place() -> None:
    space = SpaceFactory()
    author = MembershipFactory(space=space).person
    post = services.post_create(
        author=author,
        space=space,
        body="**Lunch** & leren op vrijdag\n\nWie doet mee? #kennisdeling #Lunch",
    )
    entry = post_entry(post)
    assert entry is not None
    assert entry.title == "Lunch & leren op vrijdag"
    assert entry.body == "Lunch & leren op vrijdag Wie doet mee? #kennisdeling #Lunch"
    assert entry.extra == "kennisdeling lunch"
    assert entry.url == post.get_absolute_url() == f"/posts/{post.pk}/"
    assert (entry.space_id, entry.author_id, entry.subkind) == (space.pk, author.pk, "post")
    assert entry.created_at == post.created_at


def test_a_long_first_line_is_shortened_and_a_title_is_kept() -> None:
    untitled = PostFactory(body="woord " * 100, body_html=f"<p>{'woord ' * 100}</p>")
    entry = post_entry(untitled)
    assert entry is not None
    assert len(entry.title) <= 120 and entry.title.endswith("…")
    titled = PostFactory(kind=Post.Kind.BLOG, title="Mijn blog")
    titled_entry = post_entry(titled)
    assert titled_entry is not None and titled_entry.title == "Mijn blog"


def test_a_removed_post_or_comment_has_no_entry() -> None:
    author = PersonFactory()
    post = services.post_create(author=author, body="Weg ermee")
    comment = services.comment_create(post=post, author=author, body="Ook weg")
    services.comment_delete(comment=comment, by=author)
    services.post_delete(post=post, by=author)
    assert post_entry(post) is None
    assert comment_entry(comment) is None


def test_entry_of_a_comment_carries_its_posts_title_and_anchor() -> None:
    post = PostFactory(title="Vraag over verlof", kind=Post.Kind.QUESTION)
    comment = CommentFactory(
        post=post, body="Kijk op het intranet", body_html="<p>Kijk &amp; zie</p>"
    )
    entry = comment_entry(comment)
    assert entry is not None
    assert entry.title == "Vraag over verlof"
    assert entry.body == "Kijk & zie"
    assert entry.url == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert (entry.author_id, entry.subkind, entry.space_id) == (comment.author_id, "question", None)
