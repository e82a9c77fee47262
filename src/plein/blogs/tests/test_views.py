import pytest
from django.urls import reverse

from plein.blogs.models import BlogEntry, Series
from plein.core.tests.utils import messages_of
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory

from .factories import BlogEntryFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_pages_need_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("blogs:overview"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_write_an_entry_in_a_series(client, person) -> None:  # type: ignore[no-untyped-def]
    series = SeriesFactory(owner=person)
    client.force_login(person)
    response = client.get(reverse("blogs:write") + f"?series={series.pk}")
    assert response.status_code == 200
    assert f'<option value="{series.pk}" selected>' in response.content.decode()
    response = client.post(
        reverse("blogs:write"), {"title": "Week 1", "body": "Hallo *team*", "series": series.pk}
    )
    post = Post.objects.get(kind=Post.Kind.BLOG)
    assert response.status_code == 302 and response["Location"] == reverse(
        "blogs:entry", args=[post.pk]
    )
    assert BlogEntry.objects.get(post=post).series == series
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'id="entry-title">Week 1<' in html and "<em>team</em>" in html
    assert series.get_absolute_url() in html and 'id="entry-edit"' in html


def test_write_form_reshows_what_was_typed(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    response = client.post(reverse("blogs:write"), {"title": "", "body": "Mijn tekst blijft"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn tekst blijft" in html and 'class="form-errors"' in html
    assert not Post.objects.exists()


def test_someone_elses_series_cannot_be_chosen(client, person) -> None:  # type: ignore[no-untyped-def]
    theirs = SeriesFactory()
    client.force_login(person)
    response = client.post(reverse("blogs:write"), {"title": "T", "body": "B", "series": theirs.pk})
    assert response.status_code == 400 and not Post.objects.exists()
    assert theirs.title not in response.content.decode()


def test_preview_without_javascript_keeps_the_form(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    response = client.post(
        reverse("blogs:write"), {"title": "Mijn titel", "body": "**vet**", "preview": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Post.objects.exists()
    assert "<strong>vet</strong>" in html and 'value="Mijn titel"' in html


def test_edit_entry_by_author_only(client, person) -> None:  # type: ignore[no-untyped-def]
    series = SeriesFactory(owner=person)
    entry = BlogEntryFactory(post__author=person, post__title="Oud", post__body="Eerst")
    url = reverse("blogs:entry_edit", args=[entry.post_id])
    client.force_login(PersonFactory())
    assert client.get(url).status_code == 403
    client.force_login(person)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "", "body": "Tweede versie"})
    assert response.status_code == 400 and "Tweede versie" in response.content.decode()
    response = client.post(url, {"title": "Nieuw", "body": "Tweede versie", "series": series.pk})
    assert response.status_code == 302
    entry.refresh_from_db()
    entry.post.refresh_from_db()
    assert (entry.post.title, entry.series) == ("Nieuw", series)


def test_entry_page_is_404_for_other_posts_and_hidden_entries(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    assert client.get(reverse("blogs:entry", args=[PostFactory().pk])).status_code == 404
    removed = BlogEntryFactory(post__deleted_at="2020-01-01T00:00:00Z")
    assert client.get(reverse("blogs:entry", args=[removed.post_id])).status_code == 404
    assert client.get(reverse("blogs:person", args=[999999])).status_code == 404
    assert client.get(reverse("blogs:series", args=[person.pk, "nope"])).status_code == 404


def test_entry_page_links_neighbours_in_the_series(client, person) -> None:  # type: ignore[no-untyped-def]
    series = SeriesFactory()
    first = BlogEntryFactory(
        post__author=series.owner,
        series=series,
        post__title="Een",
        post__created_at="2026-01-01T10:00:00Z",
    )
    second = BlogEntryFactory(
        post__author=series.owner,
        series=series,
        post__title="Twee",
        post__created_at="2026-01-08T10:00:00Z",
    )
    client.force_login(person)
    html = client.get(reverse("blogs:entry", args=[first.post_id])).content.decode()
    assert 'id="entry-next"' in html and 'id="entry-previous"' not in html and "Twee" in html
    assert 'id="entry-edit"' not in html
    html = client.get(reverse("blogs:entry", args=[second.post_id])).content.decode()
    assert 'id="entry-previous"' in html and 'id="entry-next"' not in html


def test_overview_person_and_series_pages_list_entries(client, person) -> None:  # type: ignore[no-untyped-def]
    series = SeriesFactory(title="Keek op de week")
    entry = BlogEntryFactory(post__author=series.owner, series=series, post__title="Week 1")
    client.force_login(person)
    for url in (
        reverse("blogs:overview"),
        reverse("blogs:person", args=[series.owner.pk]),
        series.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert f'id="blog-entry-{entry.post_id}-title"' in html, url
        assert "Keek op de week" in html
    response = client.get(reverse("blogs:series_by_pk", args=[series.pk]))
    assert response["Location"] == series.get_absolute_url()


def test_blog_entry_card_in_the_home_stream_of_a_follower(client, person) -> None:  # type: ignore[no-untyped-def]
    from plein.posts.models import PersonFollow

    series = SeriesFactory()
    entry = BlogEntryFactory(
        post__author=series.owner,
        series=series,
        post__title="Week 1",
        post__body_html="<p>" + "woord " * 80 + "</p>",
    )
    PersonFollow.objects.create(follower=person, followed=series.owner)
    client.force_login(person)
    html = client.get(reverse("posts:feed")).content.decode()
    assert f'id="blog-entry-{entry.post_id}-title"' in html
    assert f'id="blog-entry-{entry.post_id}-series"' in html
    assert "woord " * 80 not in html  # only the start of the text


def test_series_create_edit_and_delete(client, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(person)
    response = client.post(reverse("blogs:series_create"), {"title": "", "description": "Over"})
    assert response.status_code == 400 and "Over" in response.content.decode()
    response = client.post(reverse("blogs:series_create"), {"title": "Keek op de week"})
    series = Series.objects.get()
    assert response["Location"] == reverse("blogs:write") + f"?series={series.pk}"
    assert messages_of(client.get(response["Location"]))
    edit = reverse("blogs:series_edit", args=[series.pk])
    assert client.post(edit, {"title": "Terugblik"}).status_code == 302
    series.refresh_from_db()
    assert (series.title, series.slug) == ("Terugblik", "terugblik")
    entry = BlogEntryFactory(post__author=person, series=series)
    assert client.post(reverse("blogs:series_delete", args=[series.pk])).status_code == 302
    entry.refresh_from_db()
    assert entry.series is None and not Series.objects.exists()


def test_series_of_someone_else_cannot_be_changed(client, person) -> None:  # type: ignore[no-untyped-def]
    series = SeriesFactory()
    client.force_login(person)
    assert client.get(reverse("blogs:series_edit", args=[series.pk])).status_code == 403
    assert client.post(reverse("blogs:series_delete", args=[series.pk])).status_code == 403
    assert client.get(reverse("blogs:series_edit", args=[999999])).status_code == 404
    assert Series.objects.filter(pk=series.pk).exists()


def test_more_entries_via_htmx_get_only_the_page(client, person, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_FEED_PAGE_SIZE = 2
    author = PersonFactory()
    for n in range(3):
        BlogEntryFactory(post__author=author, post__title=f"Nummer {n}")
    client.force_login(person)
    first = client.get(reverse("blogs:person", args=[author.pk]))
    more = first.context["stream_more_url"]
    assert more
    response = client.get(more, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<h1" not in html and html.count("blog-card__title") == 1
