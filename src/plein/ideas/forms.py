"""Forms for ideas. Saving goes through services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plein.posts.models import Post

from .models import IdeaDetails
from .selectors import SORTS
from .services import STATUS_NOTE_MAX_LENGTH


class BoardFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *IdeaDetails.Status.choices]
    )
    topic = forms.ChoiceField(
        label=_("About"),
        required=False,
        choices=[("", _("Everything")), *IdeaDetails.Topic.choices],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=list(zip(SORTS, [_("Most votes"), _("Newest")], strict=True)),
    )


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Your idea in one line"), max_length=200)
    topic = forms.ChoiceField(
        label=_("About"), choices=IdeaDetails.Topic.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Explain it"),
        max_length=Post._meta.get_field("body").max_length,
        help_text=_("What would be better, and why? Markdown works: **bold**, lists and links."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IdeaDetails.Status.choices)
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=STATUS_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Followers of the idea get it by e-mail."),
    )
