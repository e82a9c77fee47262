"""Who may do what in onboarding."""

from __future__ import annotations

from plein.people.permissions import User


def can_manage_tips(user: User) -> bool:
    """The tips library and the posting guidelines: community managers."""
    return user.is_active and user.has_perm("onboarding.manage_tips")
