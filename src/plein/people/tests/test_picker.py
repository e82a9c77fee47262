"""The people pickers: suggestions and choices only among the active colleagues the chooser may
see; the same field takes what the picker fills in and what someone types without JavaScript."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from plein.core.picker import pickers_for
from plein.people.picker import PeoplePickerField, PersonPickerField, person_choice
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = reverse("people:picker")


class ChooseForm(forms.Form):
    person = PersonPickerField(label="Person", profiles=True)
    people = PeoplePickerField(label="People")

    def __init__(self, *args, user, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        pickers_for(self, user)


def _choose(user, **data):  # type: ignore[no-untyped-def]
    form = ChooseForm(data, user=user)
    form.is_valid()
    return form


def _values(client, url: str, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return [item["value"] for item in response.json()["results"]]


def test_people_suggestions_are_active_colleagues_matching_every_word(client):  # type: ignore[no-untyped-def]
    chooser = PersonFactory(first_name="Kees", last_name="Pieters", email="kees@example.org")
    anna = PersonFactory(first_name="Annabel", last_name="Zwart", email="annabel@example.org")
    PersonFactory(first_name="Annabel", last_name="Wit", is_active=False)
    PersonFactory(first_name="Annabel", last_name="Rood")
    client.force_login(chooser)
    assert _values(client, PEOPLE, "annab zwa") == [person_choice(anna)]
    assert person_choice(anna) == "Annabel Zwart <annabel@example.org>"
    assert len(_values(client, PEOPLE, "Annabel")) == 2  # not the deactivated one
    assert _values(client, PEOPLE, "a") == []  # two characters at least


def test_suggestions_need_a_login(client):  # type: ignore[no-untyped-def]
    assert client.get(PEOPLE, {"q": "an"}).status_code == 302


def test_a_person_by_choice_address_or_profile():  # type: ignore[no-untyped-def]
    chooser = PersonFactory()
    anna = PersonFactory(email="anna@example.org")
    for typed in (person_choice(anna), "ANNA@example.org", f"https://x/people/{anna.pk}/"):
        assert _choose(chooser, person=typed).cleaned_data["person"] == anna
    assert _choose(chooser, person="").cleaned_data["person"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Anna", "choose a colleague from the list, or type their e-mail address"),
        ("nobody@example.org", "No active colleague has this e-mail address: nobody@example.org"),
        ("a@example.org b@example.org", "Choose one colleague."),
        ("/people/999999/", "No colleague found with this address."),
    ],
)
def test_a_person_that_cannot_be_found_gets_a_clear_message(typed, message):  # type: ignore[no-untyped-def]
    form = _choose(PersonFactory(), person=typed)
    assert message in form.errors["person"][0]


def test_deactivated_people_cannot_be_chosen():  # type: ignore[no-untyped-def]
    gone = PersonFactory(email="gone@example.org", is_active=False)
    form = _choose(PersonFactory(roles=["administrator"]), person=person_choice(gone))
    assert "No active colleague" in form.errors["person"][0]


def test_several_people_one_a_line_in_the_order_typed():  # type: ignore[no-untyped-def]
    chooser = PersonFactory()
    anna = PersonFactory(email="anna@example.org")
    bas = PersonFactory(email="bas@example.org")
    typed = f"{person_choice(bas)}\n\nanna@example.org, BAS@example.org\n"
    assert _choose(chooser, people=typed).cleaned_data["people"] == [bas, anna]
    form = _choose(chooser, people="anna@example.org\nJan Jansen\nnobody@example.org")
    assert "Without an e-mail address: Jan Jansen" in form.errors["people"][0]
    form = _choose(chooser, people="anna@example.org nobody@example.org")
    assert form.errors["people"] == [
        "No active colleague has this e-mail address: nobody@example.org"
    ]


def test_the_widgets_carry_the_suggestion_addresses_and_texts():  # type: ignore[no-untyped-def]
    html = str(ChooseForm(user=PersonFactory()))
    assert f'data-picker-url="{PEOPLE}"' in html
    assert "data-picker-multiple" in html and 'data-picker-label="Suggestions"' in html
    assert 'autocomplete="off"' in html
