from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from .models import QuickLink


class LayoutActionForm(forms.Form):
    key = forms.CharField(max_length=40)
    action = forms.ChoiceField(
        choices=[("show", "show"), ("hide", "hide"), ("up", "up"), ("down", "down")]
    )


class QuickLinkForm(forms.ModelForm):
    url = forms.URLField(label=_("web address"), max_length=500, assume_scheme="https")

    class Meta:
        model = QuickLink
        fields = ["title", "url", "description"]


class CelebrationsForm(forms.Form):
    birth_day = forms.TypedChoiceField(
        label=_("Birthday: day"),
        choices=[("", "—")] + [(str(d), str(d)) for d in range(1, 32)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    birth_month = forms.TypedChoiceField(
        label=_("Birthday: month"),
        choices=[("", "—")] + [(str(m), name) for m, name in MONTHS.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    started_on = forms.DateField(
        label=_("Working here since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    share = forms.BooleanField(
        label=_("Show my birthday and work anniversary on colleagues' start pages"),
        required=False,
        help_text=_("Only the day and month of your birthday are shown, never your age."),
    )
