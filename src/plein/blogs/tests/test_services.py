import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plein.blogs import services
from plein.blogs.models import BlogEntry, Series
from plein.notifications.models import Notification
from plein.people.tests.factories import PersonFactory
from plein.posts.models import PersonFollow, Post, PostRevision

from .factories import BlogEntryFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_series_create_makes_a_unique_slug_per_owner() -> None:
    owner, other = PersonFactory(), PersonFactory()
    first = services.series_create(owner=owner, title="  Keek op  de week ")
    second = services.series_create(owner=owner, title="Keek op de week")
    theirs = services.series_create(owner=other, title="Keek op de week")
    assert first.title == "Keek op de week"
    assert (first.slug, second.slug, theirs.slug) == (
        "keek-op-de-week",
        "keek-op-de-week-2",
        "keek-op-de-week",
    )


def test_series_needs_a_title() -> None:
    with pytest.raises(ValidationError) as error:
        services.series_create(owner=PersonFactory(), title="   ")
    assert "title" in error.value.message_dict
    assert not Series.objects.exists()


def test_only_the_owner_changes_or_deletes_a_series() -> None:
    series = SeriesFactory(title="Oud", slug="oud")
    stranger = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.series_update(series=series, by=stranger, title="Nieuw")
    with pytest.raises(PermissionDenied):
        services.series_delete(series=series, by=stranger)
    services.series_update(series=series, by=series.owner, title="Nieuw", description=" Over ")
    series.refresh_from_db()
    assert (series.title, series.slug, series.description) == ("Nieuw", "nieuw", "Over")


def test_deleting_a_series_keeps_its_entries() -> None:
    series = SeriesFactory()
    entry = BlogEntryFactory(post__author=series.owner, series=series)
    services.series_delete(series=series, by=series.owner)
    entry.refresh_from_db()
    assert entry.series is None
    assert Post.objects.filter(pk=entry.post_id, deleted_at__isnull=True).exists()


def test_entry_create_makes_a_blog_post_in_the_series() -> None:
    series = SeriesFactory()
    post = services.blog_entry_create(
        author=series.owner, title="Week 1", body="Het was **druk**.", series=series
    )
    assert (post.kind, post.title, post.space_id) == (Post.Kind.BLOG, "Week 1", None)
    assert "<strong>druk</strong>" in post.body_html
    assert BlogEntry.objects.get(post=post).series == series


def test_entry_needs_title_and_text_and_writes_nothing_otherwise() -> None:
    author = PersonFactory()
    with pytest.raises(ValidationError) as error:
        services.blog_entry_create(author=author, title=" ", body="Tekst")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.blog_entry_create(author=author, title="Titel", body="  ")
    assert not Post.objects.exists() and not BlogEntry.objects.exists()


def test_only_the_owner_writes_in_a_series() -> None:
    series = SeriesFactory()
    intruder = PersonFactory()
    with pytest.raises(ValidationError) as error:
        services.blog_entry_create(author=intruder, title="Hallo", body="Tekst", series=series)
    assert "series" in error.value.message_dict
    assert not Post.objects.exists()


def test_inactive_people_do_not_blog() -> None:
    with pytest.raises(PermissionDenied):
        services.blog_entry_create(author=PersonFactory(is_active=False), title="T", body="B")


def test_followers_are_notified_of_a_new_entry(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    author = PersonFactory()
    follower, gone, stranger = PersonFactory(), PersonFactory(), PersonFactory()
    PersonFollow.objects.create(follower=follower, followed=author)
    PersonFollow.objects.create(follower=gone, followed=author)
    gone.is_active = False
    gone.save()
    series = SeriesFactory(owner=author)
    with django_capture_on_commit_callbacks(execute=True):
        post = services.blog_entry_create(author=author, title="T", body="B", series=series)
    notes = Notification.objects.filter(kind=Notification.Kind.BLOG_ENTRY)
    assert list(notes.values_list("recipient_id", "post_id", "actor_id")) == [
        (follower.pk, post.pk, author.pk)
    ]
    assert not Notification.objects.filter(recipient=stranger).exists()


def test_no_notification_without_followers(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.blog_entry_create(author=PersonFactory(), title="T", body="B")
    assert not Notification.objects.filter(kind=Notification.Kind.BLOG_ENTRY).exists()
    # Only the posts' own (mentions) and the usage record; no follower notification.
    assert len(callbacks) == 2


def test_entry_update_changes_title_text_and_series() -> None:
    author = PersonFactory()
    one, two = SeriesFactory(owner=author), SeriesFactory(owner=author)
    post = services.blog_entry_create(author=author, title="Oud", body="Eerst", series=one)
    services.blog_entry_update(post=post, editor=author, title="Nieuw", body="Daarna", series=two)
    post.refresh_from_db()
    assert (post.title, post.body) == ("Nieuw", "Daarna")
    assert BlogEntry.objects.get(post=post).series == two
    assert PostRevision.objects.filter(post=post, body="Eerst").exists()
    services.blog_entry_update(post=post, editor=author, title="Nieuw", body="Daarna", series=None)
    assert BlogEntry.objects.get(post=post).series is None


def test_entry_update_is_for_the_author_and_their_own_series() -> None:
    author, other = PersonFactory(), PersonFactory()
    post = services.blog_entry_create(author=author, title="T", body="B")
    with pytest.raises(PermissionDenied):
        services.blog_entry_update(post=post, editor=other, title="X", body="Y")
    with pytest.raises(ValidationError):
        services.blog_entry_update(
            post=post, editor=author, title="T", body="B", series=SeriesFactory(owner=other)
        )
    post.refresh_from_db()
    assert post.title == "T"


def test_entry_delete_is_a_soft_delete_by_the_author() -> None:
    author = PersonFactory()
    post = services.blog_entry_create(author=author, title="T", body="B")
    with pytest.raises(PermissionDenied):
        services.blog_entry_delete(post=post, by=PersonFactory())
    services.blog_entry_delete(post=post, by=author)
    post.refresh_from_db()
    assert post.deleted_at is not None
