"""Who may change what the whole intranet shares."""

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied

from .registries.management import can_use_any


class User(Protocol):
    """Whoever asks: a person (plein.people) or an anonymous visitor; core needs only this."""

    @property
    def is_active(self) -> bool: ...

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def can_change_branding(user: User) -> bool:
    return user.is_active and user.has_perm("core.change_site_branding")


def can_use_management(user: User) -> bool:
    """Whether the Management area has anything for this person: the branding, or an area
    another app registered (plein.core.registries.management)."""
    return can_change_branding(user) or can_use_any(user)


def require(allowed: bool) -> None:
    """Stop with 403 (PermissionDenied) unless a rule allowed it: `require(can_edit(user, x))`."""
    if not allowed:
        raise PermissionDenied
