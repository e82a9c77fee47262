"""The department race's two forms: the prize and end, and the winner's announcement."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from plein.people.models import Department
from plein.polls.forms import LocalDateTimeInput
from plein.posts.models import Post


class RaceForm(forms.Form):
    """Its fields are the keyword arguments of services.race_update."""

    prize = forms.CharField(
        label=gettext_lazy("Prize"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: a cake for the first department to reach 100%."),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("The race ends at"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=gettext_lazy(
            "Optional. Without an end, the race runs until you announce the winner."
        ),
    )


class AnnounceForm(forms.Form):
    """Its fields are the keyword arguments of services.race_announce."""

    winner = forms.ModelChoiceField(
        label=gettext_lazy("Winner"),
        queryset=Department.objects.filter(parent__isnull=True).order_by("name"),
    )
    message = forms.CharField(
        label=gettext_lazy("Announcement"),
        max_length=Post._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Posted as an announcement for everyone."),
    )
