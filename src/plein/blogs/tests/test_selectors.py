from datetime import timedelta

import pytest
from django.utils import timezone

from plein.blogs import selectors
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.selectors import decorate, with_cards
from plein.posts.tests.factories import CommentFactory, PostFactory

from .factories import BlogEntryFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def _entry(author, series=None, *, days_ago=0, **post):  # type: ignore[no-untyped-def]
    post.setdefault("created_at", timezone.now() - timedelta(days=days_ago))
    fields = {f"post__{key}": value for key, value in post.items()}
    return BlogEntryFactory(post__author=author, series=series, **fields).post


def test_person_blog_shows_their_visible_entries_newest_first() -> None:
    author, viewer = PersonFactory(), PersonFactory()
    old = _entry(author, days_ago=3)
    new = _entry(author, days_ago=1)
    _entry(author, deleted_at=timezone.now())
    _entry(author, created_at=timezone.now() + timedelta(days=2))  # planned ahead: not yet
    PostFactory(author=author)  # an ordinary post is not a blog entry
    _entry(PersonFactory())
    page = selectors.person_blog(viewer, author)
    assert [p.pk for p in page.posts] == [new.pk, old.pk]


def test_series_feed_and_neighbours_follow_the_series() -> None:
    author = PersonFactory()
    series = SeriesFactory(owner=author)
    first = _entry(author, series, days_ago=3)
    loose = _entry(author, days_ago=2)
    second = _entry(author, series, days_ago=2)
    third = _entry(author, series, days_ago=1)
    viewer = PersonFactory()
    page = selectors.series_feed(viewer, series)
    assert [p.pk for p in page.posts] == [third.pk, second.pk, first.pk]
    post = selectors.entry_get(viewer, second.pk)
    assert post is not None and post.blog_series == series  # type: ignore[attr-defined]
    before, after = selectors.series_neighbours(viewer, post)
    assert (before.pk, after.pk) == (first.pk, third.pk)  # type: ignore[union-attr]
    loose_post = selectors.entry_get(viewer, loose.pk)
    assert selectors.series_neighbours(viewer, loose_post) == (None, None)  # type: ignore[arg-type]


def test_entry_get_is_only_for_visible_blog_entries() -> None:
    viewer = PersonFactory()
    assert selectors.entry_get(viewer, PostFactory().pk) is None
    hidden = _entry(PersonFactory(), deleted_at=timezone.now())
    assert selectors.entry_get(viewer, hidden.pk) is None
    assert selectors.entry_get(PersonFactory(is_active=False), _entry(viewer).pk) is None


def test_series_list_counts_visible_entries_and_hides_empty_series_of_others() -> None:
    owner, viewer = PersonFactory(), PersonFactory()
    busy = SeriesFactory(owner=owner, title="Druk")
    empty = SeriesFactory(owner=owner, title="Leeg")
    _entry(owner, busy, days_ago=1)
    _entry(owner, busy, days_ago=2)
    _entry(owner, busy, deleted_at=timezone.now())
    everyone = selectors.series_list(viewer)
    assert [(s.pk, s.entry_count) for s in everyone] == [(busy.pk, 2)]  # type: ignore[attr-defined]
    assert not everyone[0].can_edit  # type: ignore[attr-defined]
    own = selectors.series_list(owner, owner=owner)
    assert {s.pk for s in own} == {busy.pk, empty.pk}
    assert all(s.can_edit for s in own)  # type: ignore[attr-defined]


def test_card_attach_sets_series_and_plain_text_excerpt() -> None:
    series = SeriesFactory()
    body = "<p><strong>Vet</strong> &amp; " + "lang " * 100 + "</p>"
    post = _entry(series.owner, series, body_html=body)
    [card] = decorate(list(with_cards(Post.objects.filter(pk=post.pk))), PersonFactory())
    assert card.blog_series == series  # type: ignore[attr-defined]
    assert card.blog_excerpt.startswith("Vet & lang")  # type: ignore[attr-defined]
    assert "<" not in card.blog_excerpt and len(card.blog_excerpt) <= 200  # type: ignore[attr-defined]
    assert card.card_template == "blogs/partials/card.html"  # type: ignore[attr-defined]


def test_recent_blog_entries_in_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    viewer = PersonFactory()
    series = SeriesFactory()
    for n in range(4):
        _entry(series.owner, series if n % 2 else None, days_ago=n)
    selectors.recent_blog_entries(viewer)  # warm the viewer's caches (rights, departments)
    with django_assert_num_queries(1):
        found = selectors.recent_blog_entries(viewer, limit=3)
        assert [p.author.full_name for p in found]
        assert [bool(p.blog_series) for p in found] == [False, True, False]  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [2, 12])
def test_overview_feed_query_count_is_flat(django_assert_num_queries, count: int) -> None:  # type: ignore[no-untyped-def]
    viewer = PersonFactory()
    series = SeriesFactory()
    for n in range(count):
        CommentFactory(post=_entry(PersonFactory(), series if n % 2 else None, days_ago=n))
    selectors.overview_feed(viewer)  # warm the per-user caches
    with django_assert_num_queries(3):  # the page, latest comments, blog details
        page = selectors.overview_feed(viewer)
        assert len(page.posts) == count
