"""What an identity provider says about someone, in Plein's terms, and why a login is refused.

Both protocols turn their claims (OpenID Connect) or attributes (SAML) into `ExternalClaims`
with a mapping from Plein's names to the provider's (`claims_from`), and hand them to
`services.identity_sign_in`, the one rule for finding, linking and creating people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plein.people.models import Department

# Plein's names for what a provider may tell, and the names most providers use for them.
# The subject must be stable and never reassigned: "sub" (Entra ID: "oid" is the same for
# every application of the tenant), the employee number is the HR import's key.
DEFAULT_OIDC_CLAIMS: dict[str, str] = {
    "subject": "sub",
    "email": "email",
    "first_name": "given_name",
    "last_name": "family_name",
    "name": "name",
    "employee_number": "",
    "department": "",
    "job_title": "",
}
FIELDS = tuple(DEFAULT_OIDC_CLAIMS)


@dataclass(frozen=True)
class ExternalClaims:
    protocol: str  # ExternalIdentity.Protocol
    issuer: str
    subject: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    name: str = ""
    employee_number: str = ""
    department: str = ""
    job_title: str = ""

    def names(self) -> tuple[str, str]:
        """First and last name; from the full name when the provider sends only that."""
        first, last = self.first_name, self.last_name
        if (not first or not last) and self.name:
            parts = self.name.split(maxsplit=1)
            first = first or parts[0]
            last = last or (parts[1] if len(parts) > 1 else "")
        return first, last


def _text(value: Any) -> str:
    """A claim's value as text: SAML attributes and some claims come as lists."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def claims_from(
    raw: Mapping[str, Any], *, protocol: str, issuer: str, mapping: Mapping[str, str]
) -> ExternalClaims:
    """Plein's view of a provider's claims. `mapping` names the provider's claim for each of
    FIELDS: blank when the provider does not send it; "a|b" takes the first one present."""
    values = {}
    for field, names in mapping.items():
        present = [raw[name] for name in names.split("|") if name and raw.get(name)]
        values[field] = _text(present[0]) if present else ""
    return ExternalClaims(protocol=protocol, issuer=issuer, **values)


class SignInRefused(Exception):
    """Plein refuses a login that the identity provider accepted; `reason` says why."""

    DEACTIVATED = "deactivated"
    NOT_LINKED = "not_linked"  # an account has this e-mail address but is not linked
    UNKNOWN = "unknown"  # no account, and Plein creates none
    CONFLICT = "conflict"  # the account found is linked to another identity at this provider
    INCOMPLETE = "incomplete"  # the provider did not send what Plein needs
    NOT_OPEN_YET = "not_open_yet"  # a login gate (the launch pilot) keeps the person out
    INVALID = "invalid"  # the answer could not be verified (signature, audience, expiry, state)
    CANCELLED = "cancelled"  # the provider reported an error or the person cancelled

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


REFUSAL_MESSAGES: dict[str, Promise] = {
    SignInRefused.DEACTIVATED: _(
        "Your account on the intranet has been deactivated. Ask your administrator for help."
    ),
    SignInRefused.NOT_LINKED: _(
        "There is an account with your e-mail address, but it is not linked to your work "
        "account yet. For your safety the intranet does not link accounts on the e-mail "
        "address alone. Ask your administrator for help."
    ),
    SignInRefused.UNKNOWN: _(
        "There is no account on the intranet for your work account yet. Ask your "
        "administrator to add you."
    ),
    SignInRefused.CONFLICT: _(
        "Your account on the intranet is linked to a different work account. Ask your "
        "administrator to check the link."
    ),
    SignInRefused.INCOMPLETE: _(
        "Your organisation's login service did not send the details the intranet needs "
        "(such as your name and e-mail address). Ask your administrator to check the set-up."
    ),
    SignInRefused.INVALID: _(
        "The answer of your organisation's login service could not be verified, or it took "
        "too long. Try again."
    ),
    SignInRefused.CANCELLED: _("Logging in with your work account was cancelled. Try again."),
}


def department_from(value: str) -> Department | None:
    """The department a claim names: by its HR code, or by its path "Parent > Child" (or just
    a name that only one department has). None when no department matches; none is created."""
    value = value.strip()
    if not value:
        return None
    by_code = Department.objects.filter(code=value).first()
    if by_code is not None:
        return by_code
    names = [part.strip() for part in value.split(">") if part.strip()]
    if len(names) == 1:
        matches = list(Department.objects.filter(name__iexact=names[0])[:2])
        return matches[0] if len(matches) == 1 else None
    department: Department | None = None
    for name in names:
        department = Department.objects.filter(parent=department, name__iexact=name).first()
        if department is None:
            return None
    return department
