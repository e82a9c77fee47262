"""The forms for making access tokens and for filtering the list in Management."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from plein.core.picker import pickers_for
from plein.people.permissions import User
from plein.people.picker import PersonPickerField

from . import services
from .models import PERSONAL_SCOPES, AccessToken, Scope, Status

# The permission news is published with (posts.permissions.can_post_announcement, which
# news.permissions.can_write_news asks); accounts sits below posts, so it names the permission.
NEWS_PERMISSION = "posts.post_announcement"


# Where a service's ValidationError (by its code, see services.token_create) is shown on the form.
FIELD_OF_ERROR = {
    "no_name": "name",
    "no_scopes": "scopes",
    "scope": "scopes",
    "no_person": "person",
    "inactive": "person",
    "expired": "expires_on",
}


def add_token_error(form: forms.Form, error: ValidationError) -> None:
    """Show the service's error at the field it is about, or above the form."""
    field = FIELD_OF_ERROR.get(str(error.code))
    form.add_error(field if field in form.fields else None, error)


def personal_scopes(user: User) -> tuple[str, ...]:
    """The scopes a person is offered: news only to those who may publish news."""
    return tuple(
        scope
        for scope in PERSONAL_SCOPES
        if scope != Scope.NEWS or (user.is_active and user.has_perm(NEWS_PERMISSION))
    )


class _TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so you recognise it later: “Report script”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope.")},
    )

    def offer_scopes(self, scopes: tuple[str, ...]) -> None:
        labels = dict(Scope.choices)
        field = cast(forms.MultipleChoiceField, self.fields["scopes"])
        field.choices = [(scope, labels[scope]) for scope in scopes]


class PersonalTokenForm(_TokenForm):
    expires_in = forms.TypedChoiceField(label=_("Expires after"), coerce=int)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_scopes(personal_scopes(user))
        days = services.expiry_days()
        expires_in = cast(forms.TypedChoiceField, self.fields["expires_in"])
        expires_in.choices = [
            (n, ngettext("%(days)s day", "%(days)s days", n) % {"days": n}) for n in days
        ]
        expires_in.initial = 30 if 30 in days else days[-1]


class ApplicationTokenForm(_TokenForm):
    person = PersonPickerField(
        label=_("Acts as"),
        required=False,
        help_text=_(
            "The account the application works as (a functional account, say): it sees and "
            "does what this person may. Leave empty only for a token that just provisions (SCIM)."
        ),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Leave empty for a token that does not expire; revoke it when it is no longer needed."
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_scopes(tuple(Scope.values))
        pickers_for(self, user)

    def expires_at(self) -> datetime | None:
        """The end of the chosen day, in the site's time zone."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max.replace(microsecond=0)))


class TokenFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *AccessToken.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Status.choices],
    )

    def values(self) -> dict[str, str]:
        if not self.is_valid():
            return {"kind": "", "status": ""}
        return {"kind": self.cleaned_data["kind"], "status": self.cleaned_data["status"]}
