"""Best bets: an editor pins a page for a search term, and whoever searches for it sees that page
first, as recommended (plein.search services, selectors, bestbets.views, results page)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plein.core.permissions import can_use_management
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory
from plein.search.models import BestBet, normalise_term
from plein.search.selectors import best_bets_for
from plein.search.services import best_bet_create, best_bet_delete, best_bet_update

pytestmark = pytest.mark.django_db

BEST_BETS = reverse("search:best_bets")
FORM = "/wiki/declaraties/"


@pytest.fixture(autouse=True)
def _test_kinds() -> Iterator[None]:
    """The kinds the apps register, instead of conftest's test kinds (the results page)."""
    yield


@pytest.fixture
def editor() -> Person:
    return PersonFactory(roles=["editor"])


def _declaratie(by: Person, term: str = "declaratie") -> BestBet:
    return best_bet_create(by=by, term=term, title="Declaratieformulier", url=FORM)


def test_a_term_is_stored_normalised(editor):
    best_bet = best_bet_create(
        by=editor, term="  Déclaratie   REIS ", title=" Reiskosten  ", url="https://hr.example.org/"
    )
    assert (best_bet.term, best_bet.title) == ("declaratie reis", "Reiskosten")
    assert best_bet.created_by == editor
    assert normalise_term("Ça  Va") == "ca va"


def test_a_term_is_pinned_once(editor):
    _declaratie(editor)
    with pytest.raises(ValidationError) as error:
        _declaratie(editor, term="Déclaratie")
    assert "term" in error.value.error_dict


@pytest.mark.parametrize(
    "url",
    ["http://example.org/", "//evil.example.org/", "javascript:alert(1)", "wiki/x", "https://", ""],
)
def test_only_a_path_or_an_https_address(editor, url):
    with pytest.raises(ValidationError) as error:
        best_bet_create(by=editor, term="declaratie", title="Formulier", url=url)
    assert "url" in error.value.error_dict


def test_update_and_delete(editor):
    best_bet = _declaratie(editor)
    other = best_bet_create(by=editor, term="verlof", title="Verlof", url="/wiki/verlof/")
    best_bet_update(by=editor, best_bet=best_bet, term="Declaratie", title="Nieuw", url=FORM)
    assert BestBet.objects.get(pk=best_bet.pk).title == "Nieuw"
    with pytest.raises(ValidationError):
        best_bet_update(by=editor, best_bet=other, term="declaratie", title="Verlof", url=FORM)
    best_bet_delete(by=editor, best_bet=best_bet)
    assert list(BestBet.objects.all()) == [other]


def test_only_editors_and_community_managers_manage_best_bets(editor):
    member = PersonFactory()
    with pytest.raises(PermissionDenied):
        _declaratie(member)
    best_bet = _declaratie(PersonFactory(roles=["community_manager"]))
    with pytest.raises(PermissionDenied):
        best_bet_delete(by=member, best_bet=best_bet)
    assert can_use_management(editor)


def test_the_best_bets_for_a_query(editor, django_assert_num_queries):
    declaratie = _declaratie(editor)
    reis = best_bet_create(by=editor, term="reis declaratie", title="Reizen", url="/wiki/reis/")
    best_bet_create(by=editor, term="verlof", title="Verlof", url="/wiki/verlof/")
    with django_assert_num_queries(1):
        assert best_bets_for("Declaratie ") == [declaratie]
    assert best_bets_for("déclaratie") == [declaratie]
    assert best_bets_for("hoe doe ik een Reis  déclaratie?") == [declaratie, reis]
    assert best_bets_for('"reis declaratie" indienen') == [declaratie, reis]
    assert best_bets_for("declaraties") == []
    assert best_bets_for("reis -declaratie") == []
    with django_assert_num_queries(0):
        assert best_bets_for("  ") == []


def test_an_ordinary_member_may_not_open_the_page(client):
    client.force_login(PersonFactory())
    assert client.get(BEST_BETS).status_code == 403
    assert client.post(BEST_BETS, {"term": "x", "title": "x", "url": "/"}).status_code == 403
    assert not BestBet.objects.exists()


def test_an_editor_adds_edits_and_deletes_a_best_bet(client, editor):
    client.force_login(editor)
    assert client.get(reverse("core:manage")).content.decode().count(BEST_BETS) == 1
    response = client.post(
        BEST_BETS, {"term": "Declaratie", "title": "Formulier", "url": FORM, "description": ""}
    )
    assert response.status_code == 302
    best_bet = BestBet.objects.get(term="declaratie")
    edit = reverse("search:best_bet_edit", args=[best_bet.pk])
    response = client.post(edit, {"term": "declaratie", "title": "Nieuw", "url": FORM})
    assert response.status_code == 302
    assert BestBet.objects.get().title == "Nieuw"
    response = client.post(reverse("search:best_bet_delete", args=[best_bet.pk]))
    assert response.status_code == 302
    assert not BestBet.objects.exists()


def test_a_term_in_the_address_fills_in_the_form_and_the_page_is_on_management(client, editor):
    client.force_login(editor)
    manage = client.get(reverse("core:manage")).content.decode()
    assert reverse("search:tasks") in manage  # the writing tasks beside the best bets
    response = client.get(BEST_BETS, {"term": "parkeervergunning"})
    assert response.context["form"]["term"].value() == "parkeervergunning"
    assert b'value="parkeervergunning"' in response.content


def test_errors_show_the_form_again_with_what_was_typed(client, editor):
    _declaratie(editor)
    client.force_login(editor)
    response = client.post(
        BEST_BETS, {"term": "DECLARATIE", "title": "Mijn titel", "url": "http://x.example/"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="DECLARATIE"' in page and 'value="Mijn titel"' in page
    assert set(response.context["form"].errors) == {"term", "url"}
    assert BestBet.objects.count() == 1


def test_the_results_page_shows_the_best_bets_first(client, editor):
    _declaratie(editor)
    client.force_login(PersonFactory())
    page = client.get(reverse("search:results"), {"q": "Déclaratie"}).content.decode()
    assert 'id="search-best-bets"' in page
    assert page.index(FORM) < page.index('id="search-results-heading"')
    other = client.get(reverse("search:results"), {"q": "verlof"}).content.decode()
    assert 'id="search-best-bets"' not in other
