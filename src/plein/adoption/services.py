"""The one write path for adoption goals (community managers)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.permissions import require as _require
from plein.people.models import Person

from .models import Goal
from .permissions import can_view_adoption

TARGET_MIN, TARGET_MAX = 1, 100


def _clean(*, measure: str, target: int, note: str) -> str:
    errors: dict[str, str] = {}
    if measure not in Goal.Measure.values:
        errors["measure"] = _("Choose what to measure.")
    if not TARGET_MIN <= target <= TARGET_MAX:
        errors["target"] = _("Give a target between %(min)s and %(max)s percent.") % {
            "min": TARGET_MIN,
            "max": TARGET_MAX,
        }
    if errors:
        raise ValidationError(errors)
    return " ".join(note.split())


def _check_deadline(deadline: date) -> None:
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("Choose a date in the future.")})


def goal_create(
    *, creator: Person, measure: str, target: int, deadline: date, note: str = ""
) -> Goal:
    """A goal: a measure, a target percentage (1 to 100) and a deadline in the future."""
    _require(can_view_adoption(creator))
    note = _clean(measure=measure, target=target, note=note)
    _check_deadline(deadline)
    return Goal.objects.create(
        measure=measure, target=target, deadline=deadline, note=note, created_by=creator
    )


def goal_update(
    *, goal: Goal, editor: Person, measure: str, target: int, deadline: date, note: str = ""
) -> Goal:
    """Change a goal. A changed deadline must lie in the future; an unchanged one may have
    passed (to correct the target of a goal whose date is behind us)."""
    _require(can_view_adoption(editor))
    note = _clean(measure=measure, target=target, note=note)
    with transaction.atomic():
        goal = Goal.objects.select_for_update().get(pk=goal.pk)
        if deadline != goal.deadline:
            _check_deadline(deadline)
        goal.measure, goal.target, goal.deadline, goal.note = measure, target, deadline, note
        goal.save(update_fields=["measure", "target", "deadline", "note"])
    return goal


def goal_delete(*, goal: Goal, editor: Person) -> None:
    _require(can_view_adoption(editor))
    Goal.objects.filter(pk=goal.pk).delete()
