"""The dashboard's tables, built once and used twice: shown on the page (including as the table
behind each chart) and downloaded as CSV, so both always hold the same figures (a long trend is
shown a week to a row; its CSV keeps every day)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from plein.people.permissions import User

from . import goals, selectors
from .models import GroupDay

Value = str | int | float | date | None


@dataclass
class Row:
    cells: list[Value]
    url: str = ""  # a link on the first cell


@dataclass
class Table:
    key: str  # the CSV's name: /adoption/export/<key>.csv
    caption: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # columns aligned to the right

    def csv_rows(self) -> list[list[str]]:
        return [self.headers, *([_csv(value) for value in row.cells] for row in self.rows)]

    def body_html(self) -> SafeString:
        """The rows as HTML. Built here rather than in the template: a big organisation's
        department table is a few thousand cells, which the template engine (and format_html
        per cell) renders several times slower. Every value goes through escape()."""
        no_figure = format_html('<span aria-label="{}">\u2013</span>', _("no figure"))
        numeric = ' class="adoption-num"'
        lines = []
        for row in self.rows:
            first, *rest = row.cells
            heading: str = escape(localize(first))
            if row.url:
                heading = f'<a href="{escape(row.url)}">{heading}</a>'
            cells = "".join(
                f"<td{numeric if index in self.numeric else ''}>"
                f"{no_figure if value is None else escape(localize(value))}</td>"
                for index, value in enumerate(rest, 1)
            )
            lines.append(f'<tr><th scope="row">{heading}</th>{cells}</tr>')
        return mark_safe("\n".join(lines))  # noqa: S308 (every value is escaped above)


def _csv(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


DAILY_TREND_ROWS = 13 * 7  # a longer trend is shown on the page a week to a row


def trend_table(trend: selectors.Trend, *, per_week: bool = False) -> Table:
    """A row per day, or `per_week`: a row per calendar week (from its first day with figures),
    with the week's average daily active and the weekly, monthly and activated figures of its
    last day. The CSV always has every day."""
    if per_week:
        first_header, rows = _("Week starting"), [_week_row(week) for week in _weeks(trend.points)]
    else:
        first_header = _("Day")
        rows = [
            Row(
                [
                    point.row.day,
                    point.daily_active,
                    point.weekly_active,
                    point.monthly_active,
                    point.activated,
                ]
            )
            for point in trend.points
        ]
    return Table(
        "trend",
        _("Active people over time"),
        [
            first_header,
            _("Daily active (%)"),
            _("Weekly active (%)"),
            _("Monthly active (%)"),
            _("Activated (%)"),
        ],
        rows,
        numeric={1, 2, 3, 4},
    )


def _weeks(points: list[selectors.Figures]) -> list[list[selectors.Figures]]:
    weeks: dict[tuple[int, int], list[selectors.Figures]] = {}
    for point in points:
        year, week, _weekday = point.row.day.isocalendar()
        weeks.setdefault((year, week), []).append(point)
    return list(weeks.values())


def _week_row(week: list[selectors.Figures]) -> Row:
    last = week[-1]
    daily_active = selectors.share(
        sum(point.row.active_day for point in week), sum(point.row.people for point in week)
    )
    return Row(
        [week[0].row.day, daily_active, last.weekly_active, last.monthly_active, last.activated]
    )


def split_parts(figures: selectors.Figures) -> list[tuple[str, str, int, float | None]]:
    """(style, label, people, share) for creators, responders and readers."""
    creators, responders, readers = figures.split
    return [
        ("creators", _("Creators"), figures.row.creators, creators),
        ("responders", _("Responders"), figures.row.responders, responders),
        ("readers", _("Readers"), figures.row.readers, readers),
    ]


def split_table(headline: selectors.Headline | None) -> Table:
    table = Table(
        "split",
        _("Creators, responders and readers in the last 28 days"),
        [_("Who"), _("People"), _("Share of the active people (%)")],
        numeric={1, 2},
    )
    if headline is not None:
        table.rows = [
            Row([label, people, value])
            for _style, label, people, value in split_parts(headline.figures)
        ]
    return table


GROUP_CAPTIONS: dict[str, tuple[Promise, str]] = {
    GroupDay.Dimension.DEPARTMENT: (gettext_lazy("Per department"), "departments"),
    GroupDay.Dimension.LOCATION: (gettext_lazy("Per location"), "locations"),
    GroupDay.Dimension.ROLE: (gettext_lazy("Per role"), "roles"),
}


def group_table(dimension: str, rows: list[selectors.Figures]) -> Table:
    caption, key = GROUP_CAPTIONS[dimension]
    headers = [
        str(GroupDay.Dimension(dimension).label),
        _("People"),
        _("Activated (%)"),
        _("Weekly active (%)"),
        _("Creators among the active (%)"),
        _("Responders among the active (%)"),
        _("Readers among the active (%)"),
        _("Complete profiles (%)"),
    ]
    return Table(
        key,
        str(caption),
        headers,
        [
            Row(
                [
                    figures.label,
                    figures.people,
                    figures.activated,
                    figures.weekly_active,
                    *figures.split,
                    figures.profiles,
                ]
            )
            for figures in rows
        ],
        numeric=set(range(1, 8)),
    )


def managers_table(effect: selectors.ManagerEffect) -> Table:
    table = Table(
        "managers",
        _("Managers' participation and their departments' activity"),
        [_("Departments"), _("Number of departments"), _("People"), _("Weekly active (%)")],
        numeric={1, 2, 3},
    )
    if effect.shown:
        table.rows = [
            Row(
                [
                    _("A manager posted, commented or reacted in the last 28 days"),
                    len(effect.leading),
                    sum(figures.people for figures in effect.leading),
                    effect.leading_weekly_active,
                ]
            ),
            Row(
                [
                    _("No manager did"),
                    len(effect.others),
                    sum(figures.people for figures in effect.others),
                    effect.others_weekly_active,
                ]
            ),
        ]
    return table


def quiet_spaces_table(spaces: list, today: date) -> Table:  # type: ignore[type-arg]
    return Table(
        "quiet-spaces",
        _("Spaces that have gone quiet"),
        [_("Space"), _("Last post"), _("Days without posts")],
        [
            Row(
                [
                    space.name,
                    timezone.localdate(space.last_post_at),
                    (today - timezone.localdate(space.last_post_at)).days,
                ],
                url=space.get_absolute_url(),
            )
            for space in spaces
        ],
        numeric={2},
    )


def _post_title(post) -> str:  # type: ignore[no-untyped-def]
    text = post.title or " ".join(post.body.split())
    return text if len(text) <= 80 else text[:79] + "…"


def top_content_table(posts: list) -> Table:  # type: ignore[type-arg]
    return Table(
        "top-content",
        _("Content that reached the most people in the last 28 days"),
        [_("Post"), _("Where"), _("Published"), _("Reactions"), _("Comments")],
        [
            Row(
                [
                    _post_title(post),
                    post.space.name
                    if post.space
                    else _("Profile of %(name)s") % {"name": post.author.get_full_name()},
                    timezone.localdate(post.created_at),
                    post.reaction_count,
                    post.comment_count,
                ],
                url=post.get_absolute_url(),
            )
            for post in posts
        ],
        numeric={3, 4},
    )


def goals_table(progress: list[goals.GoalProgress]) -> Table:
    return Table(
        "goals",
        _("Goals"),
        [
            _("Measure"),
            _("Target (%)"),
            pgettext("deadline", "By"),
            _("Now (%)"),
            _("Expected today (%)"),
            _("Status"),
            _("Note"),
        ],
        [
            Row(
                [
                    item.goal.get_measure_display(),
                    item.goal.target,
                    item.goal.deadline,
                    item.current,
                    item.expected,
                    item.status_label,
                    item.goal.note,
                ]
            )
            for item in progress
        ],
        numeric={1, 3, 4},
    )


def _dimension(dimension: str) -> Callable[[User], Table]:
    return lambda user: group_table(dimension, selectors.groups()[dimension])


def _managers(user: User) -> Table:
    departments = selectors.groups()[GroupDay.Dimension.DEPARTMENT]
    return managers_table(selectors.manager_effect(departments))


EXPORTS: dict[str, Callable[[User], Table]] = {
    "trend": lambda user: trend_table(selectors.trend()),
    "split": lambda user: split_table(selectors.headline()),
    "departments": _dimension(GroupDay.Dimension.DEPARTMENT),
    "locations": _dimension(GroupDay.Dimension.LOCATION),
    "roles": _dimension(GroupDay.Dimension.ROLE),
    "managers": _managers,
    "quiet-spaces": lambda user: quiet_spaces_table(
        selectors.quiet_spaces(user), timezone.localdate()
    ),
    "top-content": lambda user: top_content_table(selectors.top_content(user)),
    "goals": lambda user: goals_table(goals.all_goal_progress()),
}


def export_table(name: str, user: User) -> Table | None:
    """The table called `name` as the user may see it, or None if there is no such table."""
    build = EXPORTS.get(name)
    return build(user) if build else None
