"""What the Management page shows about provisioning: the tokens a directory can use, how many
people it provisions, and whom it removed lately."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from plein.accounts.tokens.models import AccessToken, Scope
from plein.accounts.tokens.permissions import visible_tokens

from .models import ProvisionedPerson
from .permissions import visible_provisioned

RECENTLY_REMOVED = 20


@dataclass
class ProvisioningOverview:
    tokens: list[AccessToken]
    provisioned: int
    removed: int
    recently_removed: list[ProvisionedPerson]


def provisioning_overview(user: Any) -> ProvisioningOverview:
    now = timezone.now()
    # Few application tokens exist: their scopes (a JSON list) are read here, on every database.
    tokens = [
        token
        for token in visible_tokens(user).filter(kind=AccessToken.Kind.APPLICATION)
        if token.allows(Scope.SCIM)
    ]
    for token in tokens:
        token.usable = token.is_usable(now)  # type: ignore[attr-defined]
    records = visible_provisioned(user)
    return ProvisioningOverview(
        tokens=tokens,
        provisioned=records.filter(removed_at__isnull=True).count(),
        removed=records.filter(removed_at__isnull=False).count(),
        recently_removed=list(
            records.filter(removed_at__isnull=False)
            .select_related("person")
            .order_by("-removed_at")[:RECENTLY_REMOVED]
        ),
    )
