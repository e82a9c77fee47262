"""The figures of the weekly report: one group's headline on the latest day with a roll-up.

Figures come from GroupDay only, with the definitions of the dashboard (plein.adoption.selectors):
percentages of the group's people, the 90-9-1 split of the people active in 28 days, stickiness
as the average daily active people of 7 days over the people active in 28 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .. import selectors
from ..models import GroupDay


@dataclass
class WeeklyFigures:
    """One group's headline figures on the latest day with a roll-up, and 7 days before."""

    dimension: str
    key: str
    headline: selectors.Headline

    @property
    def day(self) -> date:
        return self.headline.day

    @property
    def before_day(self) -> date:
        return self.day - timedelta(days=selectors.COMPARE_DAYS)

    @property
    def label(self) -> str:
        return self.headline.figures.label

    @property
    def people(self) -> int:
        return self.headline.figures.people

    def value(self, measure: str) -> float | None:
        return _measure(self.headline.figures, self.headline.stickiness, measure)

    def before(self, measure: str) -> float | None:
        if self.headline.before is None:
            return None
        return _measure(self.headline.before, self.headline.stickiness_before, measure)

    def change(self, measure: str) -> float | None:
        """Since 7 days before: percentage points (people for "nudged")."""
        now, then = self.value(measure), self.before(measure)
        if now is None or then is None:
            return None
        return round(now - then, 1)

    @property
    def never_logged_in(self) -> int:
        row = self.headline.figures.row
        return max(0, row.people - row.activated)


MEASURES = (
    "activated",
    "weekly_active",
    "monthly_active",
    "stickiness",
    "creators",
    "responders",
    "readers",
    "profiles",
    "nudged",
)


def _measure(figures: selectors.Figures, stickiness: float | None, measure: str) -> float | None:
    creators, responders, readers = figures.split
    values: dict[str, float | None] = {
        "activated": figures.activated,
        "weekly_active": figures.weekly_active,
        "monthly_active": figures.monthly_active,
        "stickiness": stickiness,
        "creators": creators,
        "responders": responders,
        "readers": readers,
        "profiles": figures.profiles,
        "nudged": float(figures.row.nudged),
    }
    return values[measure]


def _headline(dimension: str, key: str, day: date) -> selectors.Headline | None:
    """selectors.headline() for any group. Two queries."""
    if dimension == GroupDay.Dimension.ALL:
        return selectors.headline(day)
    rows = GroupDay.objects.filter(dimension=dimension, key=key)
    latest = rows.filter(day__lte=day).order_by("-day").first()
    if latest is None:
        return None
    since = latest.day - timedelta(days=selectors.COMPARE_DAYS + selectors.STICKINESS_DAYS - 1)
    by_day = {row.day: row for row in rows.filter(day__gte=since, day__lte=latest.day)}
    earlier = latest.day - timedelta(days=selectors.COMPARE_DAYS)
    before = by_day.get(earlier)
    return selectors.Headline(
        day=latest.day,
        figures=selectors.Figures(latest),
        stickiness=selectors.stickiness_on(by_day, latest.day),
        before=selectors.Figures(before) if before else None,
        stickiness_before=selectors.stickiness_on(by_day, earlier),
    )


def weekly_figures(
    *, day: date, dimension: str = GroupDay.Dimension.ALL, key: str = "all"
) -> WeeklyFigures | None:
    """The figures of a group (everyone by default) on the latest day with a roll-up on or
    before `day`, with the change since 7 days earlier; None when it has no roll-up yet.
    Two queries."""
    headline = _headline(dimension, key, day)
    if headline is None:
        return None
    return WeeklyFigures(dimension=dimension, key=key, headline=headline)
