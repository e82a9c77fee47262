from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from plein.people.models import Person


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "That e-mail address and password do not match. Check both and try again; "
            "after several failed attempts logging in is blocked for a while."
        ),
        "inactive": _("This account has been deactivated. Ask your administrator for help."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The e-mail names the intranet as people know it, not the server's host name.
        from plein.core.selectors import branding_get

        kwargs["extra_email_context"] = {
            **(kwargs.get("extra_email_context") or {}),
            "site_name": branding_get().intranet_name,
        }
        super().save(*args, **kwargs)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Person.Language.choices)
