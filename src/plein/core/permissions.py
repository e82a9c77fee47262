"""Who may change what the whole intranet shares."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from plein.people.models import Person

User = Person | AnonymousUser


def can_change_branding(user: User) -> bool:
    return user.is_active and user.has_perm("core.change_site_branding")


def can_use_management(user: User) -> bool:
    """Whether the Management area has anything for this person."""
    from plein.launch.permissions import can_view_launch
    from plein.people.permissions import (
        can_import_people,
        can_manage_organisation,
        can_manage_roles,
    )

    return (
        can_view_launch(user)
        or can_change_branding(user)
        or can_manage_roles(user)
        or can_import_people(user)
        or can_manage_organisation(user)
    )


def require(allowed: bool) -> None:
    """Stop with 403 (PermissionDenied) unless a rule allowed it: `require(can_edit(user, x))`."""
    if not allowed:
        raise PermissionDenied
