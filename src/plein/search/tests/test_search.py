import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from plein.core.registries import search
from plein.people.tests.factories import PersonFactory
from plein.search.models import SearchEntry
from plein.search.selectors import fts5_query, search_entries
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's (FTS5 has none)"
)


def _space(name: str, description: str = "", **fields: object) -> Space:
    space = SpaceFactory(name=name, description=description, **fields)
    search.index("test_spaces", space)
    return space


def _titles(user: object, query: str, **options: object) -> list[str]:
    return [entry.title for entry in search_entries(user, query, **options)]  # type: ignore[arg-type]


@pytest.fixture
def member():  # type: ignore[no-untyped-def]
    return PersonFactory()


def test_an_indexed_object_is_found_with_its_entry(member):
    space = _space("Fietsclub", "Samen fietsen naar het werk")
    entry = SearchEntry.objects.get(kind="test_spaces", object_id=space.pk)
    assert (entry.url, entry.space_id, entry.suggest) == (f"/spaces/{space.slug}/", space.pk, True)
    assert _titles(member, "werk") == ["Fietsclub"]


def test_indexing_again_replaces_the_entry(member):
    space = _space("Koor", "Wij zingen op vrijdag")
    space.description = "Wij zingen op maandag"
    space.save()
    search.index("test_spaces", space)
    assert SearchEntry.objects.filter(object_id=space.pk).count() == 1
    assert _titles(member, "vrijdag") == []
    assert _titles(member, "maandag") == ["Koor"]


def test_an_object_its_kind_says_not_to_find_is_removed(member):
    space = _space("Koor", "Wij zingen")
    space.name = "Unfindable koor"
    space.save()
    search.index("test_spaces", space)
    assert not SearchEntry.objects.exists()


def test_unindex_removes_the_entry(member):
    space = _space("Koor", "Wij zingen")
    search.unindex("test_spaces", space.pk)
    assert _titles(member, "zingen") == []


def test_nobody_sees_what_they_may_not_open(member):
    secret = _space("Geheime raad", "Overleg over salarissen", kind=Space.Kind.SECRET)
    _space("Open raad", "Overleg over koffie")
    assert _titles(member, "overleg") == ["Open raad"]
    MembershipFactory(space=secret, person=member)
    assert sorted(_titles(member, "overleg")) == ["Geheime raad", "Open raad"]


def test_anonymous_and_deactivated_people_find_nothing(member):
    _space("Open raad", "Overleg over koffie")
    assert _titles(AnonymousUser(), "overleg") == []
    member.is_active = False
    member.save()
    assert _titles(member, "overleg") == []


def test_every_kind_has_its_own_rule_and_kinds_narrow_the_search(member):
    gone = PersonFactory(first_name="Overleg", last_name="Weg", is_active=False)
    here = PersonFactory(first_name="Overleg", last_name="Hier")
    for person in (gone, here):
        search.index("test_people", person)
    _space("Open raad", "Overleg over koffie")
    assert sorted(_titles(member, "overleg")) == ["Open raad", "Overleg Hier"]
    assert _titles(member, "overleg", kinds=["test_people"]) == ["Overleg Hier"]


def test_accents_do_not_matter(member):
    _space("Café de Hoek", "Koffie met collega's")
    assert _titles(member, "cafe") == ["Café de Hoek"]
    assert _titles(member, "CAFÉ") == ["Café de Hoek"]


def test_a_phrase_in_quotes_and_an_excluded_word(member):
    _space("Een", "de rode fiets staat buiten")
    _space("Twee", "een rode auto en een blauwe fiets")
    assert sorted(_titles(member, "rode fiets")) == ["Een", "Twee"]
    assert _titles(member, '"rode fiets"') == ["Een"]
    assert _titles(member, "fiets -auto") == ["Een"]
    assert _titles(member, "-auto") == []
    assert _titles(member, "   ") == []


def test_the_title_weighs_more_than_the_body_and_recency_breaks_ties(member):
    now = timezone.now()
    _space("Lunch", "lekker eten", created_at=now - timedelta(days=30))
    _space("Kantine", "de lunch is om twaalf uur", created_at=now)
    _space("Oud", "de lunch is om een uur", created_at=now - timedelta(days=9))
    assert _titles(member, "lunch") == ["Lunch", "Kantine", "Oud"]
    assert _titles(member, "lunch", order="newest") == ["Kantine", "Oud", "Lunch"]


@postgresql_only
def test_dutch_words_are_found_by_their_stem(member):
    _space("Bibliotheek", "Hier staat mijn boek")
    _space("Overleg", "De vergadering is morgen")
    assert _titles(member, "boeken") == ["Bibliotheek"]
    assert _titles(member, "vergaderingen") == ["Overleg"]


def test_the_snippet_is_escaped_text_with_only_marks(member):
    _space("Veilig", "<script>alert('x')</script> de fiets & \ue000 <b>zo</b>")
    (entry,) = search_entries(member, "fiets")
    assert "<mark>fiets</mark>" in entry.snippet
    # SQLite keeps the tags as escaped text; PostgreSQL's parser leaves them out.
    assert "&lt;script&gt;" in entry.snippet or "<script" not in entry.snippet
    assert "alert(" in entry.snippet and "&amp;" in entry.snippet
    assert set(re.findall(r"</?([a-zA-Z]+)", entry.snippet)) == {"mark"}
    assert entry.snippet.count("<mark>") == entry.snippet.count("</mark>") == 1


def test_a_page_of_results_is_one_query(member, django_assert_num_queries):
    for number in range(5):
        _space(f"Ruimte {number}", "overleg", kind=Space.Kind.SECRET if number % 2 else "open")
        search.index("test_people", PersonFactory(first_name="Overleg"))
    list(search_entries(member, "overleg")[:20])  # the rules' own caches (permissions)
    with django_assert_num_queries(1):
        results = list(search_entries(member, "overleg")[:20])
    assert len(results) == 8
    assert all(result.snippet is not None and result.rank is not None for result in results)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fiets", '("fiets")'),
        ("rode fiets", '("rode" AND "fiets")'),
        ('"rode fiets" -auto', '("rode fiets") NOT "auto"'),
        ('fiets -"rode auto"', '("fiets") NOT "rode auto"'),
        ("OR NEAR( fiets* ^x", '("OR" AND "NEAR(" AND "fiets*" AND "^x")'),
        ('"open ended', '("open ended")'),
        ("-auto", ""),
        ("- ... !", ""),
    ],
)
def test_the_query_in_fts5_syntax(query, expected):
    assert fts5_query(query) == expected
