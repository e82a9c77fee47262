from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plein.people.forms import DepartmentTreeField
from plein.people.models import Location, Person

from .permissions import User
from .selectors import person_find


class DesignateForm(forms.Form):
    """Whom to designate, and for what. The colleague is typed as an e-mail address or a name;
    suggestions come while typing (a datalist filled by htmx)."""

    person = forms.CharField(
        label=_("Colleague"),
        max_length=254,
        help_text=_("Type a name or an e-mail address and choose from the suggestions."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "ambassador-person-suggestions"}
        ),
        error_messages={"required": _("Type the name or e-mail address of the colleague.")},
    )
    department = DepartmentTreeField(
        label=_("Ambassador for department"),
        required=False,
        empty_label=_("No particular department"),
    )
    location = forms.ModelChoiceField(
        label=_("Ambassador for location"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=_("No particular location"),
        help_text=_(
            "Choose a department, a location or both. With neither, the ambassador is for the "
            "whole organisation. Someone who is already an ambassador gets the new choice."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person"].widget.attrs.update(
            {
                "hx-get": reverse("ambassadors:person_suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#ambassador-person-suggestions",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )

    def clean_person(self) -> Person:
        text = self.cleaned_data["person"]
        found = person_find(self.user, text)
        if not found:
            raise forms.ValidationError(
                _("No colleague found for “%(text)s”. Try part of the name or the e-mail address."),
                params={"text": text},
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _(
                    "Several colleagues match “%(text)s”: type more of the name, or the e-mail "
                    "address."
                ),
                params={"text": text},
            )
        return found[0]
