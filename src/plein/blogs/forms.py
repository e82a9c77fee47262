"""Forms for writing blog entries and series. Saving goes through services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.posts.forms import PostEditForm, _FilesForm
from plein.posts.models import Post

from .models import Series

TITLE_MAX = Post._meta.get_field("title").max_length
BODY_MAX = Post._meta.get_field("body").max_length


class _EntryFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 14})
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=Series.objects.none(),
        required=False,
        empty_label=_("Not part of a series"),
    )

    def set_series(self, series: Any) -> None:
        self.fields["series"].queryset = series  # type: ignore[attr-defined]


class EntryForm(_EntryFields, _FilesForm):
    field_order = ["title", "body", "series"]

    def __init__(self, *args: Any, series: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_series(series)


class EntryEditForm(_EntryFields, PostEditForm):
    field_order = ["title", "body", "series"]

    def __init__(self, *args: Any, series: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, post=post, **kwargs)
        self.set_series(series)


class SeriesForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Series._meta.get_field("title").max_length,
        help_text=_('For example "Keek op de week" or "Notes from the project".'),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        help_text=_("What the series is about; shown on its page."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
