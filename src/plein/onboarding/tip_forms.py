"""Forms for the tips library and the posting guidelines (community managers)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PostingGuidelines, Tip

MARKDOWN_HELP = _(
    "You can use Markdown: **bold**, *italic*, lists with -, and [link text](address). "
    "{intranet} becomes the intranet's name."
)


class TipForm(forms.ModelForm):
    class Meta:
        model = Tip
        fields = ["title_nl", "body_nl", "title_en", "body_en"]
        widgets = {
            "title_nl": forms.TextInput(attrs={"lang": "nl"}),
            "body_nl": forms.Textarea(attrs={"rows": 4, "lang": "nl"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "body_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        }
        help_texts = {"body_nl": MARKDOWN_HELP, "body_en": MARKDOWN_HELP}


GUIDELINES_MAX_LENGTH = PostingGuidelines._meta.get_field("body_nl").max_length


def _body_widget(language: str) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 18, "lang": language})


class GuidelinesForm(forms.Form):
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
