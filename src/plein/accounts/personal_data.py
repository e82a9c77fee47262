"""The accounts app's part of "your data": access tokens (by name and scopes, never the
digest) and the work accounts linked for single sign-on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .sso.models import ExternalIdentity
from .tokens.models import AccessToken


def tokens(person: Person, writer: Writer) -> None:
    writer.records(
        AccessToken.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values(
            "kind",
            "name",
            "scopes",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        )
    )


def sso_links(person: Person, writer: Writer) -> None:
    writer.records(
        ExternalIdentity.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values("protocol", "issuer", "subject", "created_at", "last_login_at")
    )


SECTIONS.register(
    Section(
        key="access_tokens",
        order=30,
        label=_("Your access tokens"),
        help=_("their names, scopes and dates; never the tokens themselves"),
        collect=tokens,
    )
)
SECTIONS.register(
    Section(
        key="sso_links",
        order=31,
        label=_("Your linked work accounts"),
        help=_("the accounts you log in with through single sign-on"),
        collect=sso_links,
    )
)
