"""The people pickers: choose a colleague (or several) in a form, and the suggestions for them.

Without JavaScript a person is typed as an e-mail address ("Name <address>" too; with
profiles=True also the address of their profile), several people one per line. picker.js
(see `plein.core.picker`) fills in "Anna de Vries <anna@example.org>", with several people a
line each, from the suggestions of `people_suggestions` (people:picker).

Suggestions and choices are limited to active colleagues the chooser may see
(people.permissions.visible_people): the form gives the fields its user (`pickers_for`), so the
address of someone hidden is "not found", like a wrong one.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from plein.core.picker import (
    MIN_QUERY,
    SUGGESTIONS,
    ChooserField,
    PickerInput,
    PickerTextarea,
    suggestions_response,
)
from plein.people.http import AuthenticatedHttpRequest

from .availability.labels import away_detail
from .availability.selectors import with_absences
from .models import Person
from .permissions import User, visible_people
from .selectors import directory_people

ADDRESS = re.compile(r"[^\s<>,;()\"']+@[^\s<>,;()\"']+\.[^\s<>,;()\"']+")
PROFILE_PATH = re.compile(r"/people/(\d+)/?(?=$|[\s)#?])")
CHUNKS = re.compile(r"[\n,;]+")


def person_choice(person: Person) -> str:
    """What the picker fills in for a person: "Name <address>"."""
    return f"{person.full_name} <{person.email}>"


class _PeopleChooserField(ChooserField):
    user: User | None = None

    def people(self) -> QuerySet[Person]:
        if self.user is None:
            return Person.objects.none()
        return visible_people(self.user).filter(is_active=True)


class PersonPickerField(_PeopleChooserField):
    """One active colleague the chooser may see: by e-mail address ("Name <address>" too), or,
    with profiles=True, by the address of their profile. Cleans to a Person or None."""

    def __init__(self, *, profiles: bool = False, **kwargs: Any) -> None:
        self.profiles = profiles
        kwargs.setdefault("widget", PickerInput(reverse_lazy("people:picker")))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return person_choice(value) if isinstance(value, Person) else value

    def find(self, text: str) -> Person | None:
        if not text:
            return None
        people = self.people()
        addresses = ADDRESS.findall(text)
        number = PROFILE_PATH.findall(text) if self.profiles and not addresses else []
        if not (addresses or number):
            raise forms.ValidationError(
                _(
                    "Type a name and choose a colleague from the list, or type their e-mail "
                    "address."
                ),
                code="no_address",
            )
        if len(addresses) > 1:
            raise forms.ValidationError(_("Choose one colleague."), code="several")
        found = (
            people.filter(email__iexact=addresses[0]).first()
            if addresses
            else people.filter(pk=int(number[-1])).first()
        )
        if found is None:
            raise forms.ValidationError(
                _("No active colleague has this e-mail address: %(addresses)s")
                % {"addresses": addresses[0]}
                if addresses
                else _("No colleague found with this address."),
                code="not_found",
            )
        return found


class PeoplePickerField(_PeopleChooserField):
    """Active colleagues the chooser may see, one per line (or separated by commas), each by
    e-mail address or "Name <address>". Cleans to a list of people, in the order typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PickerTextarea(reverse_lazy("people:picker")))
        kwargs.setdefault("max_length", 20_000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple | QuerySet):
            return "\n".join(person_choice(person) for person in value)
        return value

    def find(self, text: str) -> list[Person]:
        addresses: list[str] = []
        without = []
        for chunk in CHUNKS.split(text):
            found = ADDRESS.findall(chunk)
            if not found and chunk.strip():
                without.append(chunk.strip())
            addresses += [address.lower() for address in found if address.lower() not in addresses]
        if without:
            raise forms.ValidationError(
                _(
                    "Choose colleagues from the list or type their e-mail addresses, one per "
                    "line. Without an e-mail address: %(lines)s"
                ),
                params={"lines": ", ".join(without)},
                code="no_address",
            )
        by_address = {
            person.email.lower(): person for person in self.people().filter(_any_email(addresses))
        }
        unknown = [address for address in addresses if address not in by_address]
        if unknown:
            raise forms.ValidationError(
                _("No active colleague has this e-mail address: %(addresses)s"),
                params={"addresses": ", ".join(unknown)},
                code="not_found",
            )
        return [by_address[address] for address in addresses]


def _any_email(addresses: list[str]) -> Q:
    match = Q(pk__in=[])
    for address in addresses:
        match |= Q(email__iexact=address)
    return match


@login_required
@require_safe
def people_suggestions(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Active colleagues the user may see, matching every word typed."""
    q = " ".join(request.GET.get("q", "").split())[:100]
    if len(q) < MIN_QUERY:
        return suggestions_response([])
    people = with_absences(directory_people(request.user, q=q))[:SUGGESTIONS]
    return suggestions_response(
        [
            {
                "value": person_choice(person),
                "label": person.full_name,
                "detail": away_detail(
                    person,
                    ", ".join(
                        part for part in (person.job_title, str(person.department or "")) if part
                    ),
                ),
            }
            for person in people
        ]
    )
