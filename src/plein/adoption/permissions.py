"""Who may see adoption figures and set goals.

The dashboard, its CSV exports and the goals are for people with "adoption.view_adoption"
(community managers). The figures are about groups, never individuals: GroupDay rows, in which
groups smaller than PLEIN_ADOPTION_MIN_GROUP are already merged into "other".
"""

from __future__ import annotations

from plein.people.permissions import User

VIEW_ADOPTION = "adoption.view_adoption"


def can_view_adoption(user: User) -> bool:
    """See the adoption dashboard, export its tables, and add, change and remove goals."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_ADOPTION))
