from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_CHOICES, MIN_CHOICES, PollDetails

NEW_POLL_ROWS = 6


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; times are local (Europe/Amsterdam)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PollForm(forms.Form):
    """A poll: the question, 2 to 10 answers (rows 0..rows-1 are shown; empty ones are
    ignored), and its settings. With locked=True the answers cannot be changed."""

    question = forms.CharField(label=_("Question"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=10000,
        help_text=_("Optional. Markdown works: **bold**, lists, links."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rows = forms.IntegerField(
        min_value=MIN_CHOICES, max_value=MAX_CHOICES, widget=forms.HiddenInput, required=False
    )
    multiple = forms.BooleanField(label=_("People may choose more than one answer"), required=False)
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_("Nobody, you included, sees who chose what."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("Leave empty to keep it open until you close it."),
    )
    results_visibility = forms.ChoiceField(
        label=_("Show the results"),
        choices=PollDetails.Results.choices,
        initial=PollDetails.Results.AFTER_VOTE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.locked = locked
        for index in range(MAX_CHOICES):
            self.fields[f"choice_{index}"] = forms.CharField(
                label=_("Answer %(number)s") % {"number": index + 1},
                max_length=200,
                required=False,
            )
        if locked:
            for name in ["multiple", "anonymous", *self.choice_names()]:
                self.fields[name].disabled = True

    def choice_names(self) -> list[str]:
        return [f"choice_{index}" for index in range(MAX_CHOICES)]

    def row_count(self) -> int:
        raw = self.data.get("rows") if self.is_bound else self.initial.get("rows")
        try:
            rows = int(raw or NEW_POLL_ROWS)
        except ValueError:
            rows = NEW_POLL_ROWS
        return max(MIN_CHOICES, min(MAX_CHOICES, rows))

    def choice_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.choice_names()[: self.row_count()]]

    def choices(self) -> list[str]:
        return [self.cleaned_data.get(name) or "" for name in self.choice_names()]


def rows_changed(data: Any) -> Any | None:
    """For "add an answer" and "remove answer n" (plain form buttons, so they work without
    JavaScript): the form's data with the rows changed, or None for a real submit."""
    if "add_row" not in data and "remove_row" not in data:
        return None
    data = data.copy()
    try:
        rows = max(MIN_CHOICES, min(MAX_CHOICES, int(data.get("rows") or NEW_POLL_ROWS)))
    except ValueError:
        rows = NEW_POLL_ROWS
    if "add_row" in data:
        rows = min(MAX_CHOICES, rows + 1)
    else:
        try:
            removed = int(data.get("remove_row", ""))
        except ValueError:
            removed = -1
        if 0 <= removed < rows and rows > MIN_CHOICES:
            values = [data.get(f"choice_{i}", "") for i in range(MAX_CHOICES)]
            del values[removed]
            values.append("")
            for index, value in enumerate(values):
                data[f"choice_{index}"] = value
            rows -= 1
    data["rows"] = str(rows)
    return data


class ContestForm(forms.Form):
    title = forms.CharField(
        label=_("Question"),
        max_length=200,
        help_text=_("For example: What shall we call our intranet?"),
    )
    description = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    submissions_open_until = forms.DateTimeField(
        label=_("Proposals until"), widget=LocalDateTimeInput()
    )
    voting_open_until = forms.DateTimeField(
        label=_("Voting until"),
        widget=LocalDateTimeInput(),
        help_text=_("Voting starts when the proposals close."),
    )
    votes_per_person = forms.IntegerField(
        label=_("Votes per person"), min_value=1, max_value=20, initial=3
    )


class EntryForm(forms.Form):
    text = forms.CharField(label=_("Your proposal"), max_length=100)
    description = forms.CharField(
        label=_("Why this one?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
