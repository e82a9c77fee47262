"""Who may do what in search."""

from __future__ import annotations

from plein.people.permissions import User


def can_manage_best_bets(user: User) -> bool:
    """Pinning best bets for search terms: editors and community managers."""
    return user.is_active and user.has_perm("search.manage_best_bets")
