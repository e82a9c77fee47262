from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.people.models import Person
from plein.posts.models import Post

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


def _number_in(value: str, prefix: str) -> int | None:
    """A number, or the number in an address such as https://…/posts/12/ (prefix "posts")."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    match = re.search(rf"/{prefix}/(\d+)/?$", urlparse(value).path)
    return int(match.group(1)) if match else None


class SpotlightForm(SpotlightPeriodForm):
    """A new spotlight: a person (e-mail address or profile address) or a post (its address)."""

    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=300,
        help_text=_("Their e-mail address or the address of their profile."),
    )
    post = forms.CharField(
        label=_("Or a post"),
        required=False,
        max_length=2000,
        help_text=_("The address of the post (open it and copy the address), or its number."),
    )
    field_order = ["person", "post", "message", "starts_on", "ends_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())

    def clean_person(self) -> Person | None:
        value = self.cleaned_data["person"].strip()
        if not value:
            return None
        if "@" in value and "/" not in value:
            found = Person.objects.filter(email__iexact=value).first()
        else:
            number = _number_in(value, "people")
            found = Person.objects.filter(pk=number).first() if number else None
        if found is None:
            raise forms.ValidationError(_("No colleague found with this address."))
        return found

    def clean_post(self) -> Post | None:
        value = self.cleaned_data["post"].strip()
        if not value:
            return None
        number = _number_in(value, "posts")
        found = Post.objects.select_related("space").filter(pk=number).first() if number else None
        if found is None:
            raise forms.ValidationError(_("No post found at this address."))
        return found
