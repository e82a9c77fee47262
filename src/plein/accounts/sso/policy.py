"""Which ways of logging in the login page offers, and who may still use a password."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from plein.people.models import Person
from plein.people.roles import ADMINISTRATOR

from . import oidc, saml


@dataclass(frozen=True)
class LoginButton:
    label: str
    url: str


def login_buttons(next_url: str = "") -> list[LoginButton]:
    """The buttons for the identity providers that are set up (none: the page is as before)."""
    query = "?" + urlencode({"next": next_url}) if next_url else ""
    buttons = []
    if oidc.enabled():
        label = settings.PLEIN_OIDC_LOGIN_LABEL or _("Log in with your work account")
        buttons.append(LoginButton(label=label, url=reverse("accounts:oidc_start") + query))
    if saml.enabled():
        label = settings.PLEIN_SAML_LOGIN_LABEL or _("Log in with your work account")
        buttons.append(LoginButton(label=label, url=reverse("accounts:saml_start") + query))
    return buttons


def sso_only() -> bool:
    """Whether people log in only through the identity provider (PLEIN_SSO_ONLY), which needs
    one to be set up: without it the setting changes nothing."""
    return bool(settings.PLEIN_SSO_ONLY) and bool(login_buttons())


def _may_use_password() -> Q:
    return Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR.key)


def may_use_password(person: Any) -> bool:
    """Whether `person` may log in (or reset) with a password: anyone, or in SSO-only mode
    administrators only (the break-glass login when the provider is unavailable)."""
    if not sso_only():
        return True
    return Person.objects.filter(_may_use_password(), pk=person.pk).exists()


def password_people(people: QuerySet[Person]) -> QuerySet[Person]:
    """`people` narrowed down to those who may use a password (see may_use_password)."""
    if not sso_only():
        return people
    return people.filter(_may_use_password()).distinct()
