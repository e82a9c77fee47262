"""Who may manage the department race."""

from __future__ import annotations

from plein.people.permissions import User

from ..permissions import VIEW_ADOPTION


def can_manage_race(user: User) -> bool:
    """The community manager sets the prize and announces the winner."""
    return bool(user.is_active and user.has_perm(VIEW_ADOPTION))
