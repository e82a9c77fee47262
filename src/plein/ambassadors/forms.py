from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plein.people.forms import DepartmentTreeField
from plein.people.models import Location, Person

from .models import EvaluationItem, EvaluationRound
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


class RoundForm(forms.ModelForm):
    """Open an evaluation round."""

    class Meta:
        model = EvaluationRound
        fields = ["title", "introduction", "ends_on"]
        labels = {"title": _("Title"), "introduction": _("Introduction"), "ends_on": _("End date")}
        help_texts = {
            "title": _("For example: Evaluation after 6 weeks."),
            "introduction": _("Optional: what you would like to hear about, and why."),
            "ends_on": _("Colleagues can add to the board until the end of this day."),
        }
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "title": {"required": _("Give the round a title.")},
            "ends_on": {
                "required": _("Choose an end date."),
                "invalid": _("Enter the end date as a date, for example 2025-03-01."),
            },
        }


class ItemForm(forms.Form):
    """Add a tip, top or flop to the board."""

    kind = forms.ChoiceField(
        label=_("This is a"),
        choices=EvaluationItem.Kind.choices,
        widget=forms.RadioSelect,
        initial=EvaluationItem.Kind.TIP,
        error_messages={"required": _("Choose tip, top or flop.")},
    )
    text = forms.CharField(
        label=_("Your tip, top or flop"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tip: what could be better. Top: what works well. Flop: what does not work."),
        error_messages={"required": _("Write your tip, top or flop.")},
    )
    department = DepartmentTreeField(
        label=_("Department"),
        required=False,
        empty_label=_("No particular department"),
    )
    anonymous = forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_("Nobody sees your name with it."),
    )

    def __init__(self, *args: Any, user: Person, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("department", user.department_id)
        super().__init__(*args, **kwargs)
