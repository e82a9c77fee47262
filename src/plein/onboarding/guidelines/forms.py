"""The posting guidelines' edit form and what its preview reads (community managers)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PostingGuidelines
from ..tips.forms import MARKDOWN_HELP

GUIDELINES_MAX_LENGTH = PostingGuidelines._meta.get_field("body_nl").max_length


def _body_widget(language: str) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 18, "lang": language})


class GuidelinesForm(forms.Form):
    """Its fields are the keyword arguments of services.guidelines_update."""

    body_nl = forms.CharField(
        label=_("Guidelines in Dutch"),
        max_length=GUIDELINES_MAX_LENGTH,
        widget=_body_widget("nl"),
        help_text=MARKDOWN_HELP,
    )
    body_en = forms.CharField(
        label=_("Guidelines in English"),
        max_length=GUIDELINES_MAX_LENGTH,
        widget=_body_widget("en"),
        help_text=MARKDOWN_HELP,
    )


class GuidelinesPreviewForm(forms.Form):
    """What the preview reads: the two texts, whatever their state."""

    body_nl = forms.CharField(required=False, max_length=GUIDELINES_MAX_LENGTH)
    body_en = forms.CharField(required=False, max_length=GUIDELINES_MAX_LENGTH)
