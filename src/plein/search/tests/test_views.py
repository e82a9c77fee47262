"""The search pages: results with facets and pages, suggestions as you type; never what the
person may not open (plein.search.views)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plein.core.registries import search
from plein.people.models import Person
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.posts import services as post_services
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory
from plein.search import selectors, views
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

RESULTS = reverse("search:results")
SUGGEST = reverse("search:suggest")


# The session, the person, their permissions (2), the bell in the header; the newest matches the
# person may see (SQLite: all of them, then their rank; PostgreSQL: among the newest entries of
# each kind, then the older entries of the kinds where they were few, within a time limit set
# and set back in a savepoint: 5), the names of their spaces and of their authors (one query
# each), the page of results with snippets, and the best bets.
def queries() -> int:
    return 15 if connection.vendor == "postgresql" else 11


@pytest.fixture(autouse=True)
def _test_kinds() -> Iterator[None]:
    """The kinds the apps register (post, space, person...), instead of conftest's test kinds."""
    yield


@pytest.fixture
def searcher(client) -> Person:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client.force_login(person)
    return person


def _secret_post(body: str) -> Post:
    secret = SpaceFactory(name="Directiekamer", kind=Space.Kind.SECRET)
    insider = MembershipFactory(space=secret).person
    return post_services.post_create(author=insider, body=body, space=secret)


def _indexed_space(name: str, **fields: object) -> Space:
    space = SpaceFactory(name=name, **fields)
    search.index("space", space)
    return space


def test_the_pages_are_for_logged_in_people_only(client):
    for address in (RESULTS, SUGGEST):
        response = client.get(address, {"q": "koffie"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_without_words_the_page_shows_the_form_and_a_hint(client, searcher):
    response = client.get(RESULTS)
    assert response.status_code == 200
    assert b'role="search"' in response.content
    assert b'type="search"' in response.content
    assert b'id="search-hint"' in response.content
    assert b"search-results" not in response.content


def test_a_visible_post_is_found_and_a_secret_spaces_post_is_not(client, searcher):
    post_services.post_create(author=PersonFactory(), body="De zonnepanelen liggen op het dak")
    _secret_post("Zonnepanelen: het budget voor volgend jaar")
    response = client.get(RESULTS, {"q": "  zonnepanelen  "})
    assert response.context["q"] == "zonnepanelen"
    assert [result.title for result in response.context["results"]] == [
        "De zonnepanelen liggen op het dak"
    ]
    assert response.context["total"] == 1
    assert b"budget" not in response.content
    assert b"Directiekamer" not in response.content
    assert b'value="  zonnepanelen  "' in response.content  # as typed


def test_facet_counts_hold_only_what_the_person_may_see(client, searcher):
    post_services.post_create(author=PersonFactory(), body="Fietsplan voor iedereen")
    _secret_post("Fietsplan voor de directie")
    _indexed_space("Fietsplan open")
    _indexed_space("Fietsplan geheim", kind=Space.Kind.SECRET)
    response = client.get(RESULTS, {"q": "fietsplan"})
    counts = {facet.key: facet.count for facet in response.context["facets"]}
    assert counts == {"": 2, "post": 1, "space": 1}
    response = client.get(RESULTS, {"q": "fietsplan", "kind": "space"})
    assert [result.title for result in response.context["results"]] == ["Fietsplan open"]
    assert response.context["total"] == 1
    assert b'id="facet-space" href="?q=fietsplan&amp;kind=space" aria-current="page"' in (
        response.content
    )


def test_an_unknown_kind_or_order_is_ignored(client, searcher):
    _indexed_space("Tuinclub")
    response = client.get(RESULTS, {"q": "tuinclub", "kind": "nope", "order": "random"})
    assert (response.context["kind"], response.context["order"]) == ("", "relevance")
    assert response.context["total"] == 1


def test_the_snippet_escapes_html_in_the_content(client, searcher):
    post_services.post_create(
        author=PersonFactory(),
        body="Koffieautomaat kapot <script>alert(1)</script> <b>echt</b>, vraag R&D",
    )
    response = client.get(RESULTS, {"q": "koffieautomaat"})
    snippet = response.context["results"][0].snippet
    assert "<mark>Koffieautomaat</mark>" in snippet
    # PostgreSQL's headline leaves tags out, SQLite's snippet keeps them as text: escaped.
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "R&amp;D" in snippet
    assert b"<script>alert(1)" not in response.content
    assert b"<b>echt" not in response.content


def test_nothing_found_says_so_with_tips(client, searcher):
    response = client.get(RESULTS, {"q": "xylofoonreparatie"})
    assert response.context["total"] == 0
    assert b'id="search-nothing"' in response.content


def test_a_query_longer_than_allowed_is_not_searched(client, searcher):
    response = client.get(RESULTS, {"q": "a" * 201})
    assert response.context["q"] == ""
    assert b"errorlist" in response.content


def test_suggestions_offer_people_and_spaces_but_no_secret_space(client, searcher):
    person = PersonFactory(first_name="Jan", last_name="Wilgenburg")
    search.index("person", person)
    _indexed_space("Wilgenburg collega's")
    _indexed_space("Wilgenburg geheim", kind=Space.Kind.SECRET)
    post_services.post_create(author=PersonFactory(), body="Wilgenburg is een post")
    response = client.get(SUGGEST, {"q": "wilgenburg"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    titles = [suggestion.title for suggestion in response.context["suggestions"]]
    assert sorted(titles) == ["Jan Wilgenburg", "Wilgenburg collega's"]
    content = response.content.decode()
    assert 'role="listbox"' in content
    assert content.count('role="option"') == 2
    assert 'id="search-suggestion-1"' in content
    assert f'href="{person.get_absolute_url()}"' in content


def test_suggestions_need_two_characters(client, searcher):
    response = client.get(SUGGEST, {"q": "w"}, HTTP_HX_REQUEST="true")
    assert response.context["suggestions"] == []
    assert b"listbox" not in response.content


def test_suggestions_without_htmx_open_the_results_page(client, searcher):
    response = client.get(SUGGEST, {"q": "jan wilgenburg"})
    assert response.status_code == 302
    assert response.url == f"{RESULTS}?q=jan+wilgenburg"


def _posts(count: int, word: str) -> None:
    space = SpaceFactory()
    posts = PostFactory.create_batch(count, body=f"Over {word} gesproken", space=space)
    search.index_many("post", posts)
    search.index("space", space)


@pytest.mark.parametrize("count", [1, 25])
def test_the_results_page_takes_the_same_queries_whatever_it_finds(
    client, searcher, django_assert_num_queries, count
):
    _posts(count, "vergaderruimte")
    _indexed_space("Vergaderruimte")
    client.get(RESULTS, {"q": "warmup"})  # the session and the caches of the page's frame
    with django_assert_num_queries(queries()):
        response = client.get(RESULTS, {"q": "vergaderruimte"})
    assert response.context["total"] == count + 1
    assert len(response.context["results"]) == min(count + 1, 20)


def test_a_word_with_more_matches_than_are_looked_at_says_so(client, searcher, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 4)
    _posts(6, "vergaderruimte")
    response = client.get(RESULTS, {"q": "vergaderruimte", "order": "newest"})
    assert (response.context["total"], response.context["more"]) == (4, True)
    assert [facet.count for facet in response.context["facets"]] == [4, 4]
    assert all(facet.more for facet in response.context["facets"])
    assert b'id="search-more"' in response.content
    assert "More than 4 results" in response.content.decode()
    assert "(4+)" in response.content.decode()
    assert len(response.context["results"]) == 4


def test_a_word_with_fewer_matches_gives_exact_counts(client, searcher, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 4)
    _posts(4, "vergaderruimte")
    response = client.get(RESULTS, {"q": "vergaderruimte"})
    assert (response.context["total"], response.context["more"]) == (4, False)
    assert b'id="search-more"' not in response.content
    assert "(4+)" not in response.content.decode()


def _counted_finds(monkeypatch) -> list[object]:  # type: ignore[no-untyped-def]
    calls: list[object] = []

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs.get("kinds"))
        return selectors.find(*args, **kwargs)

    monkeypatch.setattr(views, "find", counted)
    return calls


def test_a_filter_on_a_complete_search_narrows_its_hits_without_searching_again(
    client, searcher, monkeypatch
):
    _posts(3, "vergaderruimte")
    space = _indexed_space("Vergaderruimte")
    finds = _counted_finds(monkeypatch)
    response = client.get(RESULTS, {"q": "vergaderruimte", "kind": "space"})
    assert [result.url for result in response.context["results"]] == [space.get_absolute_url()]
    assert response.context["total"] == 1
    assert finds == [None]  # one search, of every kind


def test_a_filter_on_a_search_that_stopped_early_searches_again(client, searcher, monkeypatch):
    """The newest CANDIDATES hits hold no space: only a second search, of spaces, finds it."""
    monkeypatch.setattr(selectors, "CANDIDATES", 4)
    space = _indexed_space("Vergaderruimte")
    _posts(6, "vergaderruimte")
    finds = _counted_finds(monkeypatch)
    response = client.get(RESULTS, {"q": "vergaderruimte", "kind": "space", "order": "newest"})
    assert [result.url for result in response.context["results"]] == [space.get_absolute_url()]
    assert finds == [None, ["space"]]


def test_the_second_page_holds_the_rest(client, searcher):
    _posts(25, "vergaderruimte")
    response = client.get(RESULTS, {"q": "vergaderruimte", "order": "newest", "page": 2})
    assert len(response.context["results"]) == 5
    assert b'rel="prev" href="?q=vergaderruimte&amp;order=newest&amp;page=1"' in response.content


def test_suggestions_match_the_start_of_a_word_as_it_is_typed(client) -> None:  # type: ignore[no-untyped-def]
    colleague = PersonFactory(first_name="Wilma", last_name="Wilgenburg")
    search.index("person", colleague)
    client.force_login(PersonFactory())

    def suggested(typed: str) -> bool:
        response = client.get(reverse("search:suggest"), {"q": typed}, HTTP_HX_REQUEST="true")
        return b"Wilgenburg" in response.content

    assert suggested("Wilg")  # half a word
    assert suggested("wilma wilg")
    assert not suggested("Xander")
    # A typo: PostgreSQL finds near misses by trigram similarity; SQLite's FTS5 cannot, and
    # finds only the start of words.
    pg = connection.vendor == "postgresql"
    assert suggested("ilgenburg") == pg
    assert suggested("Wilgenbrug") == pg
    assert suggested("Wilgneburg") == pg
    assert not suggested("Wolkenberg")


def test_the_space_facet_counts_only_what_the_person_may_see(client, searcher):
    kantine = SpaceFactory(name="Kantine")
    cook = MembershipFactory(space=kantine).person
    post_services.post_create(author=cook, body="Soepdag op vrijdag", space=kantine)
    post_services.post_create(author=cook, body="Soepdag: de tomaten", space=kantine)
    _secret_post("Soepdag wordt geschrapt")
    response = client.get(RESULTS, {"q": "soepdag"})
    groups = {group.key: group for group in response.context["filter_groups"]}
    spaces = [(facet.label, facet.count) for facet in groups["space"].facets]
    assert spaces == [("Kantine", 2)]
    assert b"Directiekamer" not in response.content
    assert f'href="?q=soepdag&amp;space={kantine.pk}"'.encode() in response.content
    # Asking for the secret space by its id finds nothing and does not reveal its name.
    secret = Space.objects.get(name="Directiekamer")
    response = client.get(RESULTS, {"q": "soepdag", "space": secret.pk})
    assert response.context["total"] == 0
    assert b"Directiekamer" not in response.content


def test_the_author_facet_and_filter(client, searcher):
    anna = PersonFactory(first_name="Anna", last_name="Bakker")
    bert = PersonFactory(first_name="Bert", last_name="Visser")
    for body in ("Parkeergarage dicht", "Parkeergarage weer open"):
        post_services.post_create(author=anna, body=body)
    post_services.post_create(author=bert, body="Parkeergarage vol")
    response = client.get(RESULTS, {"q": "parkeergarage", "order": "newest"})
    groups = {group.key: group for group in response.context["filter_groups"]}
    assert [(facet.label, facet.count) for facet in groups["author"].facets] == [
        ("Anna Bakker", 2),
        ("Bert Visser", 1),
    ]
    response = client.get(RESULTS, {"q": "parkeergarage", "author": bert.pk, "order": "newest"})
    assert [result.title for result in response.context["results"]] == ["Parkeergarage vol"]
    assert response.context["total"] == 1
    content = response.content.decode()
    # The active filter is shown and removable; the links keep the other parameters.
    assert 'id="remove-author" href="?q=parkeergarage&amp;order=newest"' in content
    kind_link = f"?q=parkeergarage&amp;kind=post&amp;order=newest&amp;author={bert.pk}"
    assert f'id="facet-post" href="{kind_link}"' in content
    assert f'<input type="hidden" name="author" value="{bert.pk}">' in content


def test_the_period_filter(client, searcher):
    recent = post_services.post_create(author=PersonFactory(), body="Nieuwjaarsborrel gepland")
    old = post_services.post_create(author=PersonFactory(), body="Nieuwjaarsborrel was leuk")
    Post.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=100))
    search.index("post", Post.objects.get(pk=old.pk))
    search.index("post", recent)
    response = client.get(RESULTS, {"q": "nieuwjaarsborrel"})
    groups = {group.key: group for group in response.context["filter_groups"]}
    assert [(facet.key, facet.count) for facet in groups["period"].facets] == [
        ("week", 1),
        ("month", 1),
        ("year", 2),
    ]
    response = client.get(RESULTS, {"q": "nieuwjaarsborrel", "period": "month"})
    assert [result.title for result in response.context["results"]] == ["Nieuwjaarsborrel gepland"]
    assert b'id="remove-period" href="?q=nieuwjaarsborrel"' in response.content
    response = client.get(RESULTS, {"q": "nieuwjaarsborrel", "period": "decade"})
    assert response.context["total"] == 2  # an unknown period is ignored


def test_a_suggested_person_shows_their_photo_and_department(client, searcher):
    person = PersonFactory(
        first_name="Jan", last_name="Wilgenburg", department=DepartmentFactory(name="Inkoop")
    )
    search.index("person", person)
    response = client.get(SUGGEST, {"q": "wilgenburg"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Inkoop" in content
    assert 'class="avatar avatar--small"' in content


def test_when_nothing_is_found_titles_that_start_alike_are_offered(client, searcher):
    space = _indexed_space("Tuinclub De Wilg")
    _indexed_space("Geheime tuinclubraad", kind=Space.Kind.SECRET)
    response = client.get(RESULTS, {"q": "tuincl"})
    assert response.context["total"] == 0
    assert [near.title for near in response.context["near"]] == ["Tuinclub De Wilg"]
    assert b'id="search-near"' in response.content
    assert f'href="/spaces/{space.slug}/"'.encode() in response.content
    assert b"tuinclubraad" not in response.content


def test_when_something_is_found_nothing_else_is_offered(client, searcher):
    _indexed_space("Tuinclub")
    response = client.get(RESULTS, {"q": "tuinclub"})
    assert response.context["total"] == 1
    assert "near" not in response.context


def test_a_comments_snippet_is_its_own_words_not_its_posts_title(client, searcher):
    author = PersonFactory()
    post = post_services.post_create(author=author, body="Fietsenstalling dicht\n\nTot maandag.")
    post_services.comment_create(
        post=post, author=PersonFactory(), body="Gelukkig kan de fiets bij de achteringang."
    )
    response = client.get(RESULTS, {"q": "fietsenstalling", "kind": "comment"})
    (result,) = response.context["results"]
    assert result.title == "Fietsenstalling dicht"  # found under its post's title
    assert "achteringang" in result.snippet
    assert "<mark>" not in result.snippet  # the word is in the title only


def test_a_search_stopped_early_with_nothing_found_says_so_and_is_no_miss(
    client, searcher, monkeypatch
):
    monkeypatch.setattr(
        "plein.search.views.find",
        lambda *args, **kwargs: selectors.Hits([], complete=False),
    )
    missed = []
    monkeypatch.setattr(
        "plein.search.views.record_miss", lambda request, **values: missed.append(values)
    )
    response = client.get(RESULTS, {"q": "fietsenstalling"})
    assert (response.context["total"], response.context["more"]) == (0, True)
    page = response.content.decode()
    assert "Nothing found yet" in page and "More than 0" not in page
    assert 'id="search-more"' in page
    assert missed == [{"q": "fietsenstalling", "found": True, "filtered": False}]
