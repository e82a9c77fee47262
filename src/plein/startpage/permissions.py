"""Who arranges what on the start page."""

from __future__ import annotations

from plein.people.permissions import User


def can_change_default(user: User) -> bool:
    """The organisation's default layout and the quick links: community managers."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("startpage.change_start_page")
    )
