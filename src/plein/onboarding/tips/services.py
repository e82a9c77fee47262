"""Changing tips: "Got it" for a person, and the community manager's library."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from plein.core.permissions import require
from plein.core.services import position_move
from plein.people.models import Person

from ..models import OnboardingState, Tip
from ..permissions import can_manage_tips
from ..services import onboarding_state_for
from .selectors import active_tips, scheduled_index, tips_forget

MAX_TIPS_SEEN = 32767  # PositiveSmallIntegerField


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def tip_dismiss(*, person: Person, now: datetime | None = None) -> date:
    """Put today's tip away ("Got it"); returns the day the next tip comes."""
    today = timezone.localdate(now)
    with transaction.atomic():
        onboarding_state_for(person=person)
        state = OnboardingState.objects.select_for_update().get(person=person)
        index = scheduled_index(state, today)
        state.tips_seen = max(state.tips_seen, min(index + 1, MAX_TIPS_SEEN))
        state.tip_dismissed_on = today
        state.save(update_fields=["tips_seen", "tip_dismissed_on"])
    if index < len(active_tips()):  # still in the series: the next one comes on a weekday
        return _next_weekday(today)
    return today + timedelta(days=1)


def _changed() -> None:
    tips_forget()  # this request sees the change, and after commit every other one
    transaction.on_commit(tips_forget)


def _texts(title_nl: str, body_nl: str, title_en: str, body_en: str) -> dict[str, str]:
    return {
        "title_nl": " ".join(title_nl.split()),
        "body_nl": body_nl.strip(),
        "title_en": " ".join(title_en.split()),
        "body_en": body_en.strip(),
    }


def tip_create(
    *,
    by: Person,
    title_nl: str,
    body_nl: str,
    title_en: str,
    body_en: str,
    is_active: bool = True,
) -> Tip:
    """Add a tip at the end of the library."""
    require(can_manage_tips(by))
    with transaction.atomic():
        last = Tip.objects.select_for_update().aggregate(last=Max("position"))["last"]
        tip = Tip(
            **_texts(title_nl, body_nl, title_en, body_en),
            is_active=is_active,
            position=0 if last is None else last + 1,
        )
        tip.full_clean()
        tip.save()
        _changed()
    return tip


def tip_update(
    *, by: Person, tip: Tip, title_nl: str, body_nl: str, title_en: str, body_en: str
) -> Tip:
    require(can_manage_tips(by))
    for field, value in _texts(title_nl, body_nl, title_en, body_en).items():
        setattr(tip, field, value)
    tip.full_clean()
    with transaction.atomic():
        tip.save(update_fields=["title_nl", "body_nl", "title_en", "body_en", "updated_at"])
        _changed()
    return tip


def tip_set_active(*, by: Person, tip: Tip, is_active: bool) -> Tip:
    """Show a tip again, or take it out of the series (it keeps its place in the list)."""
    require(can_manage_tips(by))
    with transaction.atomic():
        tip.is_active = is_active
        tip.save(update_fields=["is_active", "updated_at"])
        _changed()
    return tip


def tip_move(*, by: Person, tip: Tip, direction: Literal["up", "down"]) -> None:
    """Swap a tip with its neighbour above or below; positions become 0..n-1."""
    require(can_manage_tips(by))
    with transaction.atomic():
        position_move(Tip.objects.all(), pk=tip.pk, direction=direction)
        _changed()


def tip_delete(*, by: Person, tip: Tip) -> None:
    require(can_manage_tips(by))
    with transaction.atomic():
        tip.delete()
        _changed()
