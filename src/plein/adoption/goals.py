"""Progress towards the goals from the business case.

A goal's current value is the measure on the latest day with figures (the same figures as the
dashboard's tiles: `selectors.headline`); ambassador coverage is the share of departments with
people that have an ambassador, now (`plein.ambassadors.selectors.coverage`).

Whether a goal is on track: on a straight line from the value on the day the goal was set (the
latest figures up to that day; 0 if there were none, and always 0 for ambassador coverage, which
has no history) to the target on the deadline, where should the value be today?
- "reached": the current value is at or above the target (whatever the date);
- "deadline passed": not reached, and the deadline is behind us;
- "on track": at or above where the line says it should be today;
- "behind": below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.ambassadors.selectors import coverage

from . import selectors
from .models import Goal, GroupDay

Measure = Goal.Measure


class Status:
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    DEADLINE_PASSED = "deadline_passed"

    LABELS = {
        REACHED: _("Reached"),
        ON_TRACK: _("On track"),
        BEHIND: _("Behind"),
        DEADLINE_PASSED: _("Deadline passed"),
    }


def expected_value(
    *, start: float, target: float, set_on: date, deadline: date, today: date
) -> float:
    """Where the value should be today on the straight line from `start` on `set_on` to `target`
    on `deadline`: `start` before it was set, `target` from the deadline on."""
    total = (deadline - set_on).days
    if total <= 0 or today >= deadline:
        return float(target)
    elapsed = max(0, (today - set_on).days)
    return round(start + (target - start) * elapsed / total, 1)


def status_of(
    *, current: float, expected: float, target: float, deadline: date, today: date
) -> str:
    if current >= target:
        return Status.REACHED
    if today > deadline:
        return Status.DEADLINE_PASSED
    if current >= expected:
        return Status.ON_TRACK
    return Status.BEHIND


@dataclass
class GoalProgress:
    goal: Goal
    current: float
    start: float
    expected: float
    status: str
    has_figures: bool

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])

    @property
    def percent_of_target(self) -> int:
        """How far along towards the target, 0 to 100, for the progress bar."""
        if not self.goal.target:
            return 100
        return max(0, min(100, round(100 * self.current / self.goal.target)))

    @property
    def is_good(self) -> bool:
        return self.status in {Status.REACHED, Status.ON_TRACK}


def _ambassador_coverage() -> float:
    rows = coverage().departments_with_people
    return share_or_zero(sum(1 for row in rows if row.is_covered), len(rows))


def share_or_zero(part: float, whole: float) -> float:
    return selectors.share(part, whole) or 0.0


def _values_by_day(days: set[date]) -> dict[date, selectors.Headline]:
    """For each day, the headline figures of the latest day with figures on or before it. One
    query, covering the days from the first to the last asked (plus a week for stickiness)."""
    if not days:
        return {}
    since = min(days) - timedelta(days=60)
    rows = {
        row.day: row
        for row in GroupDay.objects.filter(
            dimension=GroupDay.Dimension.ALL, day__gte=since, day__lte=max(days)
        )
    }
    found: dict[date, selectors.Headline] = {}
    ordered = sorted(rows)
    for day in days:
        earlier = [known for known in ordered if known <= day]
        if earlier:
            latest = earlier[-1]
            found[day] = selectors.Headline(
                day=latest,
                figures=selectors.Figures(rows[latest]),
                stickiness=selectors.stickiness_on(rows, latest),
                before=None,
                stickiness_before=None,
            )
    return found


def goal_progress(goals: list[Goal], *, today: date | None = None) -> list[GoalProgress]:
    """Each goal's progress and status. Three queries, and three more when a goal is about
    ambassador coverage."""
    today = today or timezone.localdate()
    if not goals:
        return []
    now = selectors.headline(today)
    coverage = (
        _ambassador_coverage()
        if any(goal.measure == Measure.AMBASSADOR_COVERAGE for goal in goals)
        else 0.0
    )
    set_on = {goal.pk: timezone.localdate(goal.created_at) for goal in goals}
    # Figures of the day before the goal was set: the last ones known when it was set.
    earlier = _values_by_day({day - timedelta(days=1) for day in set_on.values()})
    progress = []
    for goal in goals:
        if goal.measure == Measure.AMBASSADOR_COVERAGE:
            current, start, has_figures = coverage, 0.0, True
        else:
            value = now.value(goal.measure) if now else None
            has_figures = value is not None
            current = value or 0.0
            then = earlier.get(set_on[goal.pk] - timedelta(days=1))
            start = (then.value(goal.measure) if then else None) or 0.0
        expected = expected_value(
            start=start,
            target=goal.target,
            set_on=set_on[goal.pk],
            deadline=goal.deadline,
            today=today,
        )
        progress.append(
            GoalProgress(
                goal=goal,
                current=current,
                start=start,
                expected=expected,
                status=status_of(
                    current=current,
                    expected=expected,
                    target=goal.target,
                    deadline=goal.deadline,
                    today=today,
                ),
                has_figures=has_figures,
            )
        )
    return progress


def all_goal_progress(*, today: date | None = None) -> list[GoalProgress]:
    """Every goal, soonest deadline first, with its progress."""
    return goal_progress(list(Goal.objects.all()), today=today)
