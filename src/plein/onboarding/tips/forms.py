"""The form of the tips library (community managers)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Tip

# Also under the posting guidelines' texts (plein.onboarding.guidelines.forms).
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
