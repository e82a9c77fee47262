from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.picker import pickers_for
from plein.people.models import Person
from plein.people.permissions import User
from plein.people.picker import PersonPickerField
from plein.posts.picker import PostPickerField

from .models import MESSAGE_MAX_LENGTH, Badge


class BadgeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        badge: Badge = obj
        return f"{badge.emoji} {badge.name}"


class RecipientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, job title or e-mail"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class GiveForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("For"),
        queryset=Person.objects.filter(is_active=True),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the colleague you want to thank."),
            "invalid_choice": _("Choose the colleague you want to thank."),
        },
    )
    badge = BadgeChoiceField(
        label=_("Badge"),
        queryset=Badge.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a badge."),
            "invalid_choice": _("This badge can no longer be given; choose another."),
        },
    )
    message = forms.CharField(
        label=_("Why do you give kudos?"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("A few words, at most %(max)s characters.") % {"max": MESSAGE_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a few words about why.")},
    )


class BadgeForm(forms.Form):
    emoji = forms.CharField(
        label=_("Emoji"),
        max_length=16,
        help_text=_("One emoji, for example 🤝."),
        widget=forms.TextInput(attrs={"size": 4}),
    )
    name = forms.CharField(label=_("Name"), max_length=60)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class SpotlightPeriodForm(forms.Form):
    message = forms.CharField(
        label=_("Why in the spotlight"),
        max_length=200,
        required=False,
        help_text=_("Shown with it on the start page."),
    )
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class SpotlightForm(SpotlightPeriodForm):
    """A new spotlight: a person or a post the community manager may see, chosen with the
    picker (or typed: an e-mail address or profile address, a post's address or number)."""

    person = PersonPickerField(
        label=_("Person"),
        profiles=True,
        help_text=_("Type a name and choose from the list, or type their e-mail address."),
    )
    post = PostPickerField(
        label=_("Or a post"),
        help_text=_(
            "Type words from its title and choose from the list, or paste its address or number."
        ),
    )
    field_order = ["person", "post", "message", "starts_on", "ends_on"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pickers_for(self, user)
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())
