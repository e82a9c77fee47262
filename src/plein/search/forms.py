from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BestBet

MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY,
        widget=forms.TextInput(
            attrs={"type": "search", "id": "search-q", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


class BestBetForm(forms.ModelForm):
    """The fields of a best bet; the checks (a new term, a safe address) are the service's."""

    class Meta:
        model = BestBet
        fields = ["term", "title", "url", "description"]
        labels = {"url": _("Address")}
        help_texts = {
            "term": _(
                "The words people search for, e.g. “declaratie”. Case and accents do not matter."
            ),
            "url": _("A path on this intranet, such as /wiki/declaraties/, or an https address."),
            "description": _("Optional: one line under the title."),
        }
        widgets = {"url": forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"})}

    def validate_unique(self) -> None:
        """The service checks the term (normalised), so that "Declaratie" is a duplicate too."""
