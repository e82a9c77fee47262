"""Changing the department race: the prize and end, the first department at 100%, the winner.

The first department at 100% is recorded when the leaderboard is worked out (or by the nudge
task), so it does not depend on someone looking at the right moment.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.people.models import Department, Person
from plein.posts.services import post_create

from ..models import Race
from .permissions import can_manage_race
from .selectors import Standing, leaderboard, race_forget, race_get, race_is_on


def _forget_on_commit() -> None:
    race_forget()
    transaction.on_commit(race_forget)


def _race_for_update() -> Race:
    race, _created = Race.objects.select_for_update().get_or_create(pk=Race.SINGLETON_PK)
    return race


def race_check_first_complete(
    board: list[Standing] | None = None, *, now: datetime | None = None
) -> Race:
    """Record the first department at 100% while the race is on (once; no query when there is
    nothing new to record)."""
    race = race_get()
    now = now or timezone.now()
    if race.first_complete_id is not None or race.announced_at is not None:
        return race
    if not race_is_on(race, now=now):
        return race
    board = leaderboard() if board is None else board
    done = [s for s in board if s.is_complete]
    if not done:
        return race
    with transaction.atomic():
        race = _race_for_update()
        if race.first_complete_id is None and race.announced_at is None:
            race.first_complete_id = done[0].department_id
            race.first_complete_at = now
            race.save(update_fields=["first_complete", "first_complete_at", "updated_at"])
        _forget_on_commit()
    return race


@transaction.atomic
def race_update(*, by: Person, prize: str, ends_at: datetime | None) -> Race:
    """Set the prize and (optionally) the end; the first save starts the race."""
    require(can_manage_race(by))
    race = _race_for_update()
    if race.announced_at is not None:
        raise ValidationError(_("The winner has been announced; this race is over."))
    now = timezone.now()
    if ends_at is not None and ends_at <= now:
        raise ValidationError({"ends_at": _("Choose an end in the future.")})
    race.prize = " ".join(prize.split())
    race.ends_at = ends_at
    if race.started_at is None:
        race.started_at = now
    race.save()
    _forget_on_commit()
    return race


@transaction.atomic
def race_announce(*, by: Person, winner: Department, message: str) -> Race:
    """Announce the winner as an announcement for everyone, and end the race."""
    require(can_manage_race(by))
    race = _race_for_update()
    if race.announced_at is not None:
        raise ValidationError(_("The winner has been announced already."))
    if winner.parent_id is not None:
        raise ValidationError({"winner": _("Choose a top-level department.")})
    if not message.strip():
        raise ValidationError({"message": _("Write the announcement.")})
    post = post_create(author=by, body=message, is_announcement=True)
    now = timezone.now()
    race.winner = winner
    race.announcement = post
    race.announced_at = now
    if race.started_at is None:
        race.started_at = now
    race.ends_at = now
    race.save()
    _forget_on_commit()
    return race
