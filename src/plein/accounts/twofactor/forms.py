from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The 6 digits the app shows for Plein once you added it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
