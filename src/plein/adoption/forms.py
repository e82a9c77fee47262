from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Goal
from .services import TARGET_MAX, TARGET_MIN


class DateInput(forms.DateInput):
    """The browser's date picker."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class GoalForm(forms.Form):
    """Its fields are the keyword arguments of services.goal_create/goal_update."""

    measure = forms.ChoiceField(label=_("Measure"), choices=Goal.Measure.choices)
    target = forms.IntegerField(
        label=_("Target (%)"),
        min_value=TARGET_MIN,
        max_value=TARGET_MAX,
        help_text=_("A percentage from 1 to 100, for example 80."),
    )
    deadline = forms.DateField(label=pgettext_lazy("deadline", "By"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("Optional: where the goal comes from, for example the business case."),
    )
