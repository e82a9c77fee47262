"""Who may do what with ambassadors.

- See who the ambassadors are (the list page, the badge on profiles): every active person.
- Designate and remove ambassadors, see the coverage: people with
  "ambassadors.manage_ambassadors" (community managers).
- Being an ambassador: an active person with an Ambassador row. A deactivated ambassador's row is
  kept (the community manager sees it and may remove it) but counts for nothing.

Evaluation rounds ("tips, tops and flops"):
- open and close a round, remove any item: "ambassadors.manage_ambassadors";
- see an open round's board, add to it, "+1" someone else's item, take back one's own item: every
  active person, while the round is open;
- the summary (and a closed round's board): community managers, the project team
  ("launch.view_launch_plan") and ambassadors.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plein.people.models import Person
from plein.people.permissions import User

from .models import Ambassador, EvaluationItem, EvaluationRound

# The same attribute plein.launch.permissions caches its answer in, so that one question per
# request is asked, whoever asks it first.
CACHE_ATTRIBUTE = "_plein_is_ambassador"


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage_ambassadors(user: User) -> bool:
    return _active(user) and user.has_perm("ambassadors.manage_ambassadors")


def can_view_ambassadors(user: User) -> bool:
    return _active(user)


def is_ambassador(user: User) -> bool:
    """Is this user an (active) ambassador? One query the first time, then cached on the user
    object for the rest of the request."""
    if not _active(user):
        return False
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = Ambassador.objects.filter(person_id=int(user.pk or 0)).exists()
        setattr(user, CACHE_ATTRIBUTE, cached)
    return bool(cached)


def is_ambassador_remember(person: Person, value: bool) -> None:
    """Set the cached answer on this object (after designating or removing its person)."""
    setattr(person, CACHE_ATTRIBUTE, value)


def active_ambassadors() -> QuerySet[Ambassador]:
    """The ambassadors who count: agrees with is_ambassador()."""
    return Ambassador.objects.filter(person__is_active=True)


# --- Evaluation rounds -----------------------------------------------------------------------


def can_manage_rounds(user: User) -> bool:
    return can_manage_ambassadors(user)


def can_view_summary(user: User) -> bool:
    return _active(user) and (
        user.has_perm("ambassadors.manage_ambassadors")
        or user.has_perm("launch.view_launch_plan")
        or is_ambassador(user)
    )


def can_view_board(user: User, evaluation: EvaluationRound) -> bool:
    return _active(user) and (evaluation.is_open or can_view_summary(user))


def can_add_item(user: User, evaluation: EvaluationRound) -> bool:
    return _active(user) and evaluation.is_open


def can_support_item(user: User, item: EvaluationItem) -> bool:
    return _active(user) and item.round.is_open and item.author_id != user.pk


def can_remove_item(user: User, item: EvaluationItem) -> bool:
    if not _active(user):
        return False
    return can_manage_rounds(user) or (item.author_id == user.pk and item.round.is_open)
