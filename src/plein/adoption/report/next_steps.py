"""What to do next: the two to four suggestions at the end of each weekly report.

A suggestion is made when a figure is below its threshold (or falling); the organisation's report
also names the departments without an ambassador and the goals that are behind. When fewer than
two apply, general ones fill up the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.ambassadors.selectors import coverage
from plein.core.paths import absolute_url
from plein.people.models import Department

from .. import selectors
from ..goals import Status, all_goal_progress
from ..models import GroupDay
from .common import DEPARTMENT, dashboard_url, percent, site_url
from .figures import WeeklyFigures

# When a suggestion is made (percentages; a change in percentage points).
ACTIVATION_LOW = 60.0
WEEKLY_FALLING = -1.0
CREATORS_LOW = 10.0  # share of the people active in 28 days who created something
PROFILES_LOW = 50.0
LOWEST_DEPARTMENTS = 3
MAX_SUGGESTIONS = 4
MIN_SUGGESTIONS = 2
UNCOVERED_NAMED = 5


@dataclass
class GoalBehind:
    label: str
    value: float | None
    target: int
    deadline: date


@dataclass
class Facts:
    """What the suggestions need beyond one group's figures; gathered once per report run."""

    lowest_departments: list[str] = field(default_factory=list)
    uncovered_departments: list[str] = field(default_factory=list)
    goals_behind: list[GoalBehind] = field(default_factory=list)


def _lowest_departments(day: date) -> list[str]:
    rows = [
        figures
        for figures in selectors.groups(day)[GroupDay.Dimension.DEPARTMENT]
        if figures.row.key != GroupDay.OTHER and figures.activated is not None
    ]
    rows.sort(key=lambda figures: (figures.activated, figures.label.casefold()))
    return [figures.label for figures in rows[:LOWEST_DEPARTMENTS]]


def _uncovered_departments() -> list[str]:
    return [department.name for department in coverage().uncovered_departments]


def _goals_behind(day: date) -> list[GoalBehind]:
    """Goals behind their straight line to the target, or past their deadline unreached
    (plein.adoption.goals)."""
    return [
        GoalBehind(
            label=str(row.goal.get_measure_display()),
            value=row.current if row.has_figures else None,
            target=row.goal.target,
            deadline=row.goal.deadline,
        )
        for row in all_goal_progress(today=day)
        if row.status in {Status.BEHIND, Status.DEADLINE_PASSED}
    ]


def facts_gather(*, day: date, organisation: bool = True) -> Facts:
    """The facts behind the suggestions; the organisation-wide ones only when asked for."""
    facts = Facts(lowest_departments=_lowest_departments(day))
    if organisation:
        facts.uncovered_departments = _uncovered_departments()
        facts.goals_behind = _goals_behind(day)
    return facts


@dataclass
class Suggestion:
    text: str
    link: str = ""
    link_text: str = ""


def _names(names: list[str]) -> str:
    """'A, B and C', in the current language."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def suggestions(figures: WeeklyFigures, facts: Facts, *, audience: str) -> list[Suggestion]:
    """Two to four things to do next, most pressing first, in the current language."""
    if audience == DEPARTMENT:
        found = _department_suggestions(figures)
        fallbacks = [
            Suggestion(
                _("Thank a colleague in public with kudos: it shows what the intranet is for."),
                site_url("kudos:give"),
                _("Give kudos"),
            ),
            Suggestion(
                _("Share what your department is working on in a short blog."),
                site_url("blogs:write"),
                _("Write a blog"),
            ),
        ]
    else:
        found = _organisation_suggestions(figures, facts)
        fallbacks = [
            Suggestion(
                _(
                    "Put a colleague in the spotlight on the start page: it gives people a reason "
                    "to come by."
                ),
                site_url("kudos:spotlight"),
                _("Choose a spotlight"),
            ),
            Suggestion(
                _("Ask a question of the week that everyone can answer."),
                site_url("questions:ask"),
                _("Ask a question"),
            ),
        ]
    found = found[:MAX_SUGGESTIONS]
    for fallback in fallbacks:
        if len(found) >= MIN_SUGGESTIONS:
            break
        if all(s.link != fallback.link for s in found):
            found.append(fallback)
    return found


# --- For the community manager: the organisation ---------------------------------------------


def _organisation_suggestions(figures: WeeklyFigures, facts: Facts) -> list[Suggestion]:
    """The organisation's suggestions that apply, in this order."""
    candidates = (
        _activation_suggestion(figures, facts),
        _falling_suggestion(figures),
        _ambassadors_suggestion(facts),
        _creators_suggestion(figures),
        *_goal_suggestions(facts),
        _profiles_suggestion(figures),
    )
    return [suggestion for suggestion in candidates if suggestion is not None]


def _activation_suggestion(figures: WeeklyFigures, facts: Facts) -> Suggestion | None:
    """Many people never logged in: name the departments with the lowest activation."""
    activated = figures.value("activated")
    if activated is None or activated >= ACTIVATION_LOW:
        return None
    text = ngettext(
        "%(count)s person never logged in.",
        "%(count)s people never logged in.",
        figures.never_logged_in,
    ) % {"count": figures.never_logged_in}
    text += " " + _("The reminder goes out automatically.")
    if facts.lowest_departments:
        text += " " + _(
            "Ask the managers of the departments with the lowest activation (%(departments)s) "
            "to mention the intranet in their team meeting."
        ) % {"departments": _names(facts.lowest_departments)}
    return Suggestion(text, dashboard_url(), _("See activation per department"))


def _falling_suggestion(figures: WeeklyFigures) -> Suggestion | None:
    """Fewer weekly active people than a week before."""
    weekly_change = figures.change("weekly_active")
    if weekly_change is None or weekly_change > WEEKLY_FALLING:
        return None
    return Suggestion(
        _(
            "Fewer people came by this week. Post something people want: a poll or a "
            "question of the week."
        ),
        site_url("polls:new"),
        _("Start a poll"),
    )


def _ambassadors_suggestion(facts: Facts) -> Suggestion | None:
    """Departments without an ambassador, the first few by name."""
    if not facts.uncovered_departments:
        return None
    names = facts.uncovered_departments[:UNCOVERED_NAMED]
    more = len(facts.uncovered_departments) - len(names)
    listed = (
        _names(names)
        if not more
        else _("%(names)s and %(count)s more")
        % {
            "names": ", ".join(names),
            "count": more,
        }
    )
    return Suggestion(
        ngettext(
            "%(count)s department has no ambassador yet: %(departments)s.",
            "%(count)s departments have no ambassador yet: %(departments)s.",
            len(facts.uncovered_departments),
        )
        % {"count": len(facts.uncovered_departments), "departments": listed},
        site_url("ambassadors:manage"),
        _("Designate ambassadors"),
    )


def _creators_suggestion(figures: WeeklyFigures) -> Suggestion | None:
    """Few of the active people create something themselves."""
    creators = figures.value("creators")
    if creators is None or creators >= CREATORS_LOW:
        return None
    return Suggestion(
        _(
            "Few people write something themselves. Ask managers to write a short blog "
            "about their week: their teams follow the example."
        ),
        site_url("blogs:overview"),
        _("See the blogs"),
    )


def _goal_suggestions(facts: Facts) -> list[Suggestion]:
    """One for each goal that is behind."""
    return [
        Suggestion(
            _("Behind on the goal “%(goal)s”: %(value)s now, %(target)s by %(deadline)s.")
            % {
                "goal": goal.label,
                "value": percent(goal.value),
                "target": percent(goal.target),
                "deadline": formats.date_format(goal.deadline, "DATE_FORMAT"),
            },
            dashboard_url(),
            _("See the goals"),
        )
        for goal in facts.goals_behind
    ]


def _profiles_suggestion(figures: WeeklyFigures) -> Suggestion | None:
    """Few complete profiles."""
    profiles = figures.value("profiles")
    if profiles is None or profiles >= PROFILES_LOW:
        return None
    return Suggestion(
        _(
            "Only %(share)s of the profiles are complete. A photo and a job title make "
            "colleagues easy to find: mention it in the next news item."
        )
        % {"share": percent(profiles)},
        dashboard_url(),
        _("See profiles per department"),
    )


# --- For a head of department: their department ----------------------------------------------


def _department_suggestions(figures: WeeklyFigures) -> list[Suggestion]:
    found: list[Suggestion] = []
    department_link = ""
    if figures.key.isdigit():
        department_link = absolute_url(Department(pk=int(figures.key)).get_absolute_url())
    activated = figures.value("activated")
    if activated is not None and activated < ACTIVATION_LOW:
        text = ngettext(
            "%(count)s person in your department never logged in.",
            "%(count)s people in your department never logged in.",
            figures.never_logged_in,
        ) % {"count": figures.never_logged_in}
        text += " " + _(
            "The reminder goes out automatically; mention the intranet in your next team "
            "meeting and show how to log in."
        )
        found.append(Suggestion(text))
    weekly_change = figures.change("weekly_active")
    if weekly_change is not None and weekly_change <= WEEKLY_FALLING:
        found.append(
            Suggestion(
                _(
                    "Fewer colleagues came by this week. Post something your team wants: a poll "
                    "or a question."
                ),
                site_url("polls:new"),
                _("Start a poll"),
            )
        )
    creators = figures.value("creators")
    if creators is not None and creators < CREATORS_LOW:
        found.append(
            Suggestion(
                _(
                    "Few colleagues write something themselves. Write a short blog about your "
                    "week: your team follows your example."
                ),
                site_url("blogs:write"),
                _("Write a blog"),
            )
        )
    profiles = figures.value("profiles")
    if profiles is not None and profiles < PROFILES_LOW:
        found.append(
            Suggestion(
                _(
                    "Only %(share)s of the profiles in your department are complete. Ask your "
                    "team to add a photo and what they work on."
                )
                % {"share": percent(profiles)},
                department_link,
                _("See your department") if department_link else "",
            )
        )
    return found
