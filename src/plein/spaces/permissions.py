"""Rules about spaces. Each rule is a function and, where lists need it, a queryset that agree.

Who sees a space:
- open and closed spaces: every active person;
- secret spaces: only current members and people with a pending invitation. Nobody else, not
  even a community manager or administrator: a secret space stays secret unless you are in it.

Who sees what is posted in a space: everyone active for open spaces; current members only for
closed and secret spaces. A deactivated person counts as nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from plein.people.models import Person

from .models import Membership, Space

User = Person | AnonymousUser
State = Membership.State
Role = Membership.Role


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


PRELOADED = "_plein_memberships"


def memberships_preload(user: User, space_ids: Iterable[int | None]) -> None:
    """Load the user's memberships of these spaces in one query, so that the rules below can be
    asked for every item of a list without a query each. Only for reading: call it after the
    request's changes, and never keep the user object across requests."""
    if not _active(user):
        return
    wanted = {pk for pk in space_ids if pk is not None}
    cache: dict[int, Membership | None] = user.__dict__.setdefault(PRELOADED, {})
    missing = wanted - cache.keys()
    if not missing:
        return
    cache.update(dict.fromkeys(missing))
    mine = Membership.objects.filter(space_id__in=missing, person_id=int(user.pk or 0))
    for membership in mine.order_by():  # (the default order would join spaces and people)
        cache[membership.space_id] = membership


def membership_of(user: User, space: Space) -> Membership | None:
    """The user's membership row for the space (whatever its state), or None."""
    if not _active(user):
        return None
    cache = user.__dict__.get(PRELOADED)
    if cache is not None and space.pk in cache:
        return cache[space.pk]
    return (
        Membership.objects.filter(space=space, person_id=int(user.pk or 0)).order_by("pk").first()
    )


def _state(user: User, space: Space) -> str | None:
    membership = membership_of(user, space)
    return membership.state if membership else None


def _with_state(user: User, *states: str) -> Exists:
    return Exists(
        Membership.objects.filter(
            space=OuterRef("pk"), person_id=int(user.pk or 0), state__in=states
        )
    )


def visible_spaces(user: User) -> QuerySet[Space]:
    if not _active(user):
        return Space.objects.none()
    return Space.objects.filter(
        ~Q(kind=Space.Kind.SECRET) | _with_state(user, State.MEMBER, State.INVITED)
    )


def can_view_space(user: User, space: Space) -> bool:
    if not _active(user):
        return False
    return space.kind != Space.Kind.SECRET or _state(user, space) in (State.MEMBER, State.INVITED)


def spaces_with_visible_content(user: User) -> QuerySet[Space]:
    if not _active(user):
        return Space.objects.none()
    return Space.objects.filter(Q(kind=Space.Kind.OPEN) | _with_state(user, State.MEMBER))


def can_view_space_content(user: User, space: Space) -> bool:
    if not _active(user):
        return False
    return space.kind == Space.Kind.OPEN or _state(user, space) == State.MEMBER


def my_spaces(user: User) -> QuerySet[Space]:
    """The spaces the user is a current member of."""
    if not _active(user):
        return Space.objects.none()
    return Space.objects.filter(_with_state(user, State.MEMBER))


def is_member(user: User, space: Space) -> bool:
    return _state(user, space) == State.MEMBER


def can_join(user: User, space: Space) -> bool:
    """Join directly: open spaces, unless a moderator removed you."""
    return (
        _active(user)
        and space.kind == Space.Kind.OPEN
        and _state(user, space) in (None, State.LEFT, State.INVITED)
    )


def can_request(user: User, space: Space) -> bool:
    """Ask to join a closed space you are not in, have not asked yet and were not removed from."""
    return (
        _active(user)
        and space.kind == Space.Kind.CLOSED
        and _state(user, space) in (None, State.LEFT)
    )


def has_invitation(user: User, space: Space) -> bool:
    return _state(user, space) == State.INVITED


def can_leave(user: User, space: Space) -> bool:
    """Members may leave, except the last owner (who must hand over first)."""
    membership = membership_of(user, space)
    if membership is None or membership.state != State.MEMBER:
        return False
    if membership.role != Role.OWNER:
        return True
    return (
        Membership.objects.filter(
            space=space, state=State.MEMBER, role=Role.OWNER, person__is_active=True
        )
        .exclude(person_id=int(user.pk or 0))
        .exists()
    )


def can_moderate(user: User, space: Space) -> bool:
    membership = membership_of(user, space)
    return (
        membership is not None
        and membership.state == State.MEMBER
        and membership.role in (Role.MODERATOR, Role.OWNER)
    )


def is_owner(user: User, space: Space) -> bool:
    membership = membership_of(user, space)
    return (
        membership is not None
        and membership.state == State.MEMBER
        and membership.role == Role.OWNER
    )


def can_manage_defaults(user: User) -> bool:
    return _active(user) and user.has_perm("spaces.manage_default_spaces")


def can_create_space(user: User) -> bool:
    return _active(user)
