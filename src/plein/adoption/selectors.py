"""Reads for the adoption dashboard, each in a fixed number of queries.

Figures come from GroupDay (the nightly roll-ups), never from raw events, so the dashboard costs
the same with a thousand events or ten million. Percentages are of the group's people that day;
the 90-9-1 split is of the people active in 28 days. Stickiness is the average daily active
people over the last 7 days divided by the people active in 28 days, so a quiet weekend does
not make it drop to zero.

Stable entry points (the weekly report imports them):
- `headline(day=None)`: the tile figures for the latest day (on or before `day`) and the change
  since 7 days before. Two queries at most.
- `trend(start=None, end=None)`: one point per day from the launch (or the last 26 weeks).
- `groups(day=None)`: per department, location and role, the latest figures.
- `dashboard(user)`: everything the dashboard page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.launch.selectors import launch_plan
from plein.people.permissions import User
from plein.posts.models import Post
from plein.posts.permissions import visible_posts
from plein.search.misses.selectors import Miss, misses
from plein.spaces.models import Space
from plein.spaces.permissions import visible_spaces

from .models import GroupDay

TREND_WEEKS = 26
QUIET_DAYS = 30
TOP_CONTENT_DAYS = 28
TOP_CONTENT_COUNT = 10
QUIET_SPACES_COUNT = 20
STICKINESS_DAYS = 7
COMPARE_DAYS = 7

ALL = GroupDay.Dimension.ALL
GROUP_DIMENSIONS = (
    GroupDay.Dimension.DEPARTMENT,
    GroupDay.Dimension.LOCATION,
    GroupDay.Dimension.ROLE,
)


def share(part: int | float, whole: int | float) -> float | None:
    """part of whole in percent, one decimal; None when the whole is nothing."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def min_group() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_MIN_GROUP", 5))


@dataclass
class Figures:
    """One group's figures on one day, as percentages."""

    row: GroupDay

    @property
    def label(self) -> str:
        if self.row.key == GroupDay.OTHER:
            return _("Other (small groups together)")
        return self.row.label

    @property
    def people(self) -> int:
        return self.row.people

    @property
    def activated(self) -> float | None:
        return share(self.row.activated, self.row.people)

    @property
    def daily_active(self) -> float | None:
        return share(self.row.active_day, self.row.people)

    @property
    def weekly_active(self) -> float | None:
        return share(self.row.active_week, self.row.people)

    @property
    def monthly_active(self) -> float | None:
        return share(self.row.active_month, self.row.people)

    @property
    def creators(self) -> float | None:
        """Share of the group's people who created something in 28 days."""
        return share(self.row.creators, self.row.people)

    @property
    def profiles(self) -> float | None:
        return share(self.row.profiles_complete, self.row.people)

    @property
    def participants(self) -> int:
        return self.row.creators + self.row.responders + self.row.readers

    @property
    def split(self) -> tuple[float | None, float | None, float | None]:
        """Creators, responders, readers: shares of the people active in 28 days (90-9-1)."""
        whole = self.participants
        return (
            share(self.row.creators, whole),
            share(self.row.responders, whole),
            share(self.row.readers, whole),
        )


# --- Headline -------------------------------------------------------------------------------


@dataclass
class Tile:
    key: str
    label: str
    value: float | None
    before: float | None
    explanation: str

    @property
    def change(self) -> float | None:
        """Change in percentage points since 7 days before."""
        if self.value is None or self.before is None:
            return None
        return round(self.value - self.before, 1)

    @property
    def change_size(self) -> float | None:
        change = self.change
        return None if change is None else abs(change)


@dataclass
class Headline:
    day: date
    figures: Figures
    stickiness: float | None
    before: Figures | None
    stickiness_before: float | None

    @property
    def tiles(self) -> list[Tile]:
        before = self.before
        return [
            Tile(
                "activated",
                _("Activated"),
                self.figures.activated,
                before.activated if before else None,
                _("of employees logged in at least once"),
            ),
            Tile(
                "weekly_active",
                _("Weekly active"),
                self.figures.weekly_active,
                before.weekly_active if before else None,
                _("of employees used the intranet in the last 7 days"),
            ),
            Tile(
                "stickiness",
                _("Stickiness"),
                self.stickiness,
                self.stickiness_before,
                _("of the monthly active people come by on an average day"),
            ),
            Tile(
                "creators",
                _("Creators"),
                self.figures.creators,
                before.creators if before else None,
                _("of employees posted, uploaded or edited in 28 days"),
            ),
        ]

    def value(self, key: str) -> float | None:
        """A measure by the name goals use (Goal.Measure values but "ambassadors")."""
        values = {
            "activated": self.figures.activated,
            "weekly_active": self.figures.weekly_active,
            "monthly_active": self.figures.monthly_active,
            "stickiness": self.stickiness,
            "creators": self.figures.creators,
            "profiles": self.figures.profiles,
        }
        return values.get(key)


def _all_rows() -> QuerySet[GroupDay]:
    return GroupDay.objects.filter(dimension=ALL)


def stickiness_on(rows_by_day: dict[date, GroupDay], day: date) -> float | None:
    """Average daily active people over the 7 days up to `day` (those with figures) divided by
    the people active in 28 days on `day`."""
    row = rows_by_day.get(day)
    if row is None:
        return None
    week = [rows_by_day.get(day - timedelta(days=n)) for n in range(STICKINESS_DAYS)]
    daily = [found.active_day for found in week if found is not None]
    return share(sum(daily) / len(daily), row.active_month)


def headline(day: date | None = None) -> Headline | None:
    """The tile figures of the latest day with figures on or before `day` (default: today),
    with those of 7 days earlier; None before the first roll-up. Two queries."""
    rows = _all_rows()
    if day is not None:
        rows = rows.filter(day__lte=day)
    latest = rows.order_by("-day").first()
    if latest is None:
        return None
    since = latest.day - timedelta(days=COMPARE_DAYS + STICKINESS_DAYS - 1)
    by_day = {row.day: row for row in _all_rows().filter(day__gte=since, day__lte=latest.day)}
    earlier = latest.day - timedelta(days=COMPARE_DAYS)
    before = by_day.get(earlier)
    return Headline(
        day=latest.day,
        figures=Figures(latest),
        stickiness=stickiness_on(by_day, latest.day),
        before=Figures(before) if before else None,
        stickiness_before=stickiness_on(by_day, earlier),
    )


# --- Trend ----------------------------------------------------------------------------------


def launch_day() -> date | None:
    """The day the intranet went live (or is planned to), local time."""
    plan = launch_plan()
    moment = plan.launched_at or plan.launch_date
    return timezone.localdate(moment) if moment else None


@dataclass
class Trend:
    start: date
    launch: date | None
    points: list[Figures]


def trend(start: date | None = None, end: date | None = None) -> Trend:
    """Everyone's figures for every day with a roll-up from `start` (default: the launch day,
    or 26 weeks ago if there is none yet or it is in the future) up to `end`. One query
    (plus the cached launch plan)."""
    today = timezone.localdate()
    launch = launch_day()
    if start is None:
        fallback = today - timedelta(weeks=TREND_WEEKS)
        start = launch if launch is not None and launch <= today else fallback
    rows = _all_rows().filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    return Trend(start=start, launch=launch, points=[Figures(row) for row in rows.order_by("day")])


# --- Groups ---------------------------------------------------------------------------------


def _group_order(figures: Figures) -> tuple[int, str]:
    return (figures.row.key == GroupDay.OTHER, figures.label.casefold())


def groups(day: date | None = None) -> dict[str, list[Figures]]:
    """Per dimension ("department", "location", "role"), each group's figures on the latest day
    with roll-ups (on or before `day`), by name with "other" last. Two queries."""
    rows = GroupDay.objects.filter(dimension__in=GROUP_DIMENSIONS)
    if day is not None:
        rows = rows.filter(day__lte=day)
    latest = rows.aggregate(latest=Max("day"))["latest"]
    found: dict[str, list[Figures]] = {dimension: [] for dimension in GROUP_DIMENSIONS}
    if latest is None:
        return found
    for row in rows.filter(day=latest):
        found[row.dimension].append(Figures(row))
    for figures in found.values():
        figures.sort(key=_group_order)
    return found


# --- Managers -------------------------------------------------------------------------------


@dataclass
class ManagerEffect:
    """Departments whose managers posted or responded in the last 28 days, against the others:
    how many departments and their people's average weekly activity. Only groups of departments
    are shown, never a manager or a department on its own."""

    leading: list[Figures]
    others: list[Figures]

    @staticmethod
    def _average(rows: list[Figures]) -> float | None:
        people = sum(figures.row.people for figures in rows)
        return share(sum(figures.row.active_week for figures in rows), people)

    @property
    def leading_weekly_active(self) -> float | None:
        return self._average(self.leading)

    @property
    def others_weekly_active(self) -> float | None:
        return self._average(self.others)

    @property
    def shown(self) -> bool:
        """Both groups hold at least two departments, so no department can be picked out."""
        return len(self.leading) >= 2 and len(self.others) >= 2


def manager_effect(departments: list[Figures]) -> ManagerEffect:
    """Split the department rows by whether a manager in the department took part (created or
    responded) in the 28 days up to their day, as the roll-up counted it."""
    named = [figures for figures in departments if figures.row.key != GroupDay.OTHER]
    return ManagerEffect(
        leading=[figures for figures in named if figures.row.managers_taking_part],
        others=[figures for figures in named if not figures.row.managers_taking_part],
    )


# --- Content --------------------------------------------------------------------------------


def quiet_spaces(user: User, *, now: datetime | None = None) -> list[Space]:
    """Spaces the user may see that had posts, but none in the last 30 days; the longest quiet
    first. One query."""
    now = now or timezone.now()
    alive = Q(posts__deleted_at__isnull=True)
    return list(
        visible_spaces(user)
        .annotate(
            last_post_at=Max("posts__created_at", filter=alive & Q(posts__created_at__lte=now))
        )
        .filter(last_post_at__isnull=False, last_post_at__lt=now - timedelta(days=QUIET_DAYS))
        .order_by("last_post_at", "name")[:QUIET_SPACES_COUNT]
    )


def top_content(user: User, *, now: datetime | None = None) -> list[Post]:
    """Posts from the last 28 days that the user may see, with the most reactions and comments
    together. One query."""
    now = now or timezone.now()
    return list(
        visible_posts(user)
        .filter(created_at__gte=now - timedelta(days=TOP_CONTENT_DAYS), created_at__lte=now)
        .annotate(responses=F("reaction_count") + F("comment_count"))
        .filter(responses__gt=0)
        .select_related("author", "space")
        .order_by("-responses", "-created_at")[:TOP_CONTENT_COUNT]
    )


# --- The page -------------------------------------------------------------------------------


@dataclass
class Dashboard:
    headline: Headline | None
    trend: Trend
    groups: dict[str, list[Figures]]
    managers: ManagerEffect
    quiet_spaces: list[Space] = field(default_factory=list)
    top_content: list[Post] = field(default_factory=list)
    # Terms searched without result by at least min_group() different people (search.misses).
    not_found: list[Miss] = field(default_factory=list)

    @property
    def departments(self) -> list[Figures]:
        return self.groups[GroupDay.Dimension.DEPARTMENT]

    @property
    def locations(self) -> list[Figures]:
        return self.groups[GroupDay.Dimension.LOCATION]

    @property
    def roles(self) -> list[Figures]:
        return self.groups[GroupDay.Dimension.ROLE]


def dashboard(user: User) -> Dashboard:
    """Everything on the dashboard, in a fixed number of queries whatever the number of days,
    groups, spaces or posts."""
    top = headline()
    by_dimension = groups()
    return Dashboard(
        headline=top,
        trend=trend(),
        groups=by_dimension,
        managers=manager_effect(by_dimension[GroupDay.Dimension.DEPARTMENT]),
        quiet_spaces=quiet_spaces(user),
        top_content=top_content(user),
        not_found=misses(min_people=min_group()),
    )
