"""Reads about spaces, built on the rules in permissions.py."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When

from plein.people.models import Person

from .models import Membership, Space
from .permissions import User, my_spaces, visible_spaces

State = Membership.State
ACTIVE_MEMBER = Q(memberships__state=State.MEMBER, memberships__person__is_active=True)
MEMBERS_PREVIEW = 12


def _with_member_count(spaces: QuerySet[Space]) -> QuerySet[Space]:
    return spaces.annotate(member_count=Count("memberships", filter=ACTIVE_MEMBER))


def directory_spaces(user: User, *, q: str = "", mine: bool = False) -> QuerySet[Space]:
    """The spaces the user may see (or is a member of), by name, with their member counts."""
    spaces = my_spaces(user) if mine else visible_spaces(user)
    for word in q.split():
        spaces = spaces.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return _with_member_count(spaces).order_by("name", "pk")


def space_get(slug: str, user: User) -> Space | None:
    """The space with this web address, if the user may see it, with its member count."""
    return _with_member_count(visible_spaces(user)).filter(slug=slug).first()


def _active_memberships(space: Space) -> QuerySet[Membership]:
    return Membership.objects.filter(space=space, person__is_active=True).select_related(
        "person__department", "person__location"
    )


def space_members(space: Space, *, limit: int | None = None) -> list[Membership]:
    """Current active members: owners first, then moderators, then by name."""
    role_order = Case(
        When(role=Membership.Role.OWNER, then=Value(0)),
        When(role=Membership.Role.MODERATOR, then=Value(1)),
        default=Value(2),
    )
    rows = (
        _active_memberships(space)
        .filter(state=State.MEMBER)
        .order_by(role_order, "person__last_name", "person__first_name", "pk")
    )
    return list(rows[:limit] if limit is not None else rows)


def space_pending(space: Space, state: str) -> list[Membership]:
    """Open requests or invitations of active people, oldest first."""
    return list(_active_memberships(space).filter(state=state).order_by("created_at", "pk"))


def person_by_email(email: str) -> Person | None:
    return Person.objects.filter(email__iexact=email.strip(), is_active=True).first()


def membership_prefetch(user: User) -> Any:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(person_id=int(user.pk or 0)),
        to_attr="my_membership",
    )
