"""The weekly adoption report, e-mailed on Monday morning.

Community managers (adoption.view_adoption) get the organisation's figures; heads of department
get their own department's, when PLEIN_ADOPTION_REPORT_TO_HEADS is on (default) and that
department has its own roll-up row (departments smaller than PLEIN_ADOPTION_MIN_GROUP are merged
into "other", so their heads get nothing). Each report holds the headline figures, the change
since the week before (in percentage points) and two to four concrete things to do next.

Figures come from GroupDay only, with the definitions of the dashboard (plein.adoption.selectors):
percentages of the group's people, the 90-9-1 split of the people active in 28 days, stickiness
as the average daily active people of 7 days over the people active in 28 days.

A head of department is an active member of the department who manages someone and whose own
manager works elsewhere (or who has none): the top of the department's line. There is no head
field on Department, and this finds the same people the demo organisation and the HR import set.

`report_send(day=...)` queues the e-mails (on commit); the schedule in report_tasks runs it every
Monday at PLEIN_ADOPTION_REPORT_HOUR (07:00 local by default); `plein send-adoption-report`
sends it at once. `report_preview(person)` renders what that person would receive.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plein.core.selectors import branding_get
from plein.core.tasks import email_enqueue
from plein.people.models import Department, Person

from . import selectors
from .models import GroupDay
from .permissions import VIEW_ADOPTION

logger = logging.getLogger(__name__)

ORGANISATION = "organisation"
DEPARTMENT = "department"

# When a suggestion is made (percentages; a change in percentage points).
ACTIVATION_LOW = 60.0
WEEKLY_FALLING = -1.0
CREATORS_LOW = 10.0  # share of the people active in 28 days who created something
PROFILES_LOW = 50.0
LOWEST_DEPARTMENTS = 3
MAX_SUGGESTIONS = 4
MIN_SUGGESTIONS = 2
NONE = "-"  # shown for a figure there is none of (no row a week before)
UNCOVERED_NAMED = 5


def report_to_heads() -> bool:
    return bool(getattr(settings, "PLEIN_ADOPTION_REPORT_TO_HEADS", True))


def _absolute(path: str) -> str:
    return settings.PLEIN_SITE_URL.rstrip("/") + path


def _url(name: str, *args: object) -> str:
    return _absolute(reverse(name, args=args))


def dashboard_url() -> str:
    try:
        return _url("adoption:dashboard")
    except NoReverseMatch:
        return _absolute("/adoption/")


# --- Figures ---------------------------------------------------------------------------------


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


# --- What to do next -------------------------------------------------------------------------


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
    from plein.ambassadors.selectors import coverage

    return [department.name for department in coverage().uncovered_departments]


def _goals_behind(day: date) -> list[GoalBehind]:
    """Goals behind their straight line to the target, or past their deadline unreached
    (plein.adoption.goals; skipped if that module is not there)."""
    try:
        from plein.adoption.goals import Status, all_goal_progress
    except ImportError:
        return []
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


def _percent(value: float | None) -> str:
    if value is None:
        return NONE
    return f"{formats.number_format(value, 1, use_l10n=True)}%"


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
                _url("kudos:give"),
                _("Give kudos"),
            ),
            Suggestion(
                _("Share what your department is working on in a short blog."),
                _url("blogs:write"),
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
                _url("kudos:spotlight"),
                _("Choose a spotlight"),
            ),
            Suggestion(
                _("Ask a question of the week that everyone can answer."),
                _url("questions:ask"),
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


def _organisation_suggestions(figures: WeeklyFigures, facts: Facts) -> list[Suggestion]:
    found: list[Suggestion] = []
    activated = figures.value("activated")
    if activated is not None and activated < ACTIVATION_LOW:
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
        found.append(Suggestion(text, dashboard_url(), _("See activation per department")))
    weekly_change = figures.change("weekly_active")
    if weekly_change is not None and weekly_change <= WEEKLY_FALLING:
        found.append(
            Suggestion(
                _(
                    "Fewer people came by this week. Post something people want: a poll or a "
                    "question of the week."
                ),
                _url("polls:new"),
                _("Start a poll"),
            )
        )
    if facts.uncovered_departments:
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
        found.append(
            Suggestion(
                ngettext(
                    "%(count)s department has no ambassador yet: %(departments)s.",
                    "%(count)s departments have no ambassador yet: %(departments)s.",
                    len(facts.uncovered_departments),
                )
                % {"count": len(facts.uncovered_departments), "departments": listed},
                _url("ambassadors:manage"),
                _("Designate ambassadors"),
            )
        )
    creators = figures.value("creators")
    if creators is not None and creators < CREATORS_LOW:
        found.append(
            Suggestion(
                _(
                    "Few people write something themselves. Ask managers to write a short blog "
                    "about their week: their teams follow the example."
                ),
                _url("blogs:overview"),
                _("See the blogs"),
            )
        )
    for goal in facts.goals_behind:
        found.append(
            Suggestion(
                _("Behind on the goal “%(goal)s”: %(value)s now, %(target)s by %(deadline)s.")
                % {
                    "goal": goal.label,
                    "value": _percent(goal.value),
                    "target": _percent(goal.target),
                    "deadline": formats.date_format(goal.deadline, "DATE_FORMAT"),
                },
                dashboard_url(),
                _("See the goals"),
            )
        )
    profiles = figures.value("profiles")
    if profiles is not None and profiles < PROFILES_LOW:
        found.append(
            Suggestion(
                _(
                    "Only %(share)s of the profiles are complete. A photo and a job title make "
                    "colleagues easy to find: mention it in the next news item."
                )
                % {"share": _percent(profiles)},
                dashboard_url(),
                _("See profiles per department"),
            )
        )
    return found


def _department_suggestions(figures: WeeklyFigures) -> list[Suggestion]:
    found: list[Suggestion] = []
    department_link = ""
    if figures.key.isdigit():
        department_link = _absolute(Department(pk=int(figures.key)).get_absolute_url())
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
                _url("polls:new"),
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
                _url("blogs:write"),
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
                % {"share": _percent(profiles)},
                department_link,
                _("See your department") if department_link else "",
            )
        )
    return found


# --- Recipients ------------------------------------------------------------------------------


def community_managers() -> list[Person]:
    """Active people with adoption.view_adoption (from a role or given directly) and an e-mail
    address. Superusers without the role are technical accounts and get nothing."""
    people = ModelBackend().with_perm(VIEW_ADOPTION, is_active=True, include_superusers=False)
    return [person for person in people.order_by("pk") if person.email]


def heads_of(keys: Iterable[str]) -> list[Person]:
    """The heads of these departments (GroupDay keys): active members who manage someone and
    whose own manager does not work in the same department. One query."""
    ids = [int(key) for key in keys if key.isdigit()]
    if not ids:
        return []
    manages = Person.objects.filter(is_active=True, manager_id=OuterRef("pk"))
    candidates = (
        Person.objects.filter(is_active=True, department_id__in=ids)
        .exclude(email="")
        .filter(Exists(manages))
        .select_related("manager")
        .order_by("pk")
    )
    return [
        person
        for person in candidates
        if person.manager is None or person.manager.department_id != person.department_id
    ]


def _department_keys(day: date) -> set[str]:
    """Departments with their own row on `day` (not merged into "other")."""
    return set(
        GroupDay.objects.filter(dimension=GroupDay.Dimension.DEPARTMENT, day=day)
        .exclude(key=GroupDay.OTHER)
        .values_list("key", flat=True)
    )


# --- Rendering and sending -------------------------------------------------------------------


@dataclass
class Report:
    audience: str
    figures: WeeklyFigures
    facts: Facts


def _row(figures: WeeklyFigures, measure: str, label: str, explanation: str) -> dict[str, Any]:
    value, before, change = figures.value(measure), figures.before(measure), figures.change(measure)
    if measure == "nudged":
        shown = [str(int(v)) if v is not None else NONE for v in (value, before)]
        change_shown = NONE if change is None else f"{int(change):+d}" if change else "0"
    else:
        shown = [_percent(value), _percent(before)]
        change_shown = (
            NONE
            if change is None
            else ("+" if change > 0 else "-" if change < 0 else "")
            + formats.number_format(abs(change), 1, use_l10n=True)
        )
    return {
        "key": measure,
        "label": label,
        "explanation": explanation,
        "value": shown[0],
        "before": shown[1],
        "change": change_shown,
    }


def _rows(figures: WeeklyFigures) -> list[dict[str, Any]]:
    return [
        _row(figures, "activated", _("Activated"), _("of employees logged in at least once")),
        _row(figures, "weekly_active", _("Weekly active"), _("of employees came by in 7 days")),
        _row(figures, "monthly_active", _("Monthly active"), _("of employees came by in 28 days")),
        _row(
            figures,
            "stickiness",
            _("Stickiness"),
            _("of the monthly active people come by on an average day"),
        ),
        _row(
            figures,
            "creators",
            _("Creators"),
            _("of the active people posted, uploaded or edited in 28 days"),
        ),
        _row(
            figures,
            "responders",
            _("Responders"),
            _("of the active people reacted, commented or voted, but created nothing"),
        ),
        _row(figures, "readers", _("Readers"), _("of the active people only read")),
        _row(figures, "profiles", _("Complete profiles"), _("of employees")),
        _row(figures, "nudged", _("Reminded"), _("people got a reminder or digest in 28 days")),
    ]


def render(person: Person, report: Report) -> dict[str, str]:
    """Subject, text and HTML of the report for this person, in their language."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        figures = report.figures
        context = {
            "person": person,
            "site_name": branding_get().intranet_name,
            "audience": report.audience,
            "organisation": report.audience == ORGANISATION,
            "label": figures.label,
            "people": figures.people,
            "week": figures.day.isocalendar().week,
            "day": figures.day,
            "before_day": figures.before_day,
            "rows": _rows(figures),
            "suggestions": suggestions(figures, report.facts, audience=report.audience),
            "dashboard_url": dashboard_url() if report.audience == ORGANISATION else "",
        }
        subject = " ".join(render_to_string("adoption/email/report_subject.txt", context).split())
        context["subject"] = subject
        body = render_to_string("adoption/email/report_message.txt", context)
        html_body = render_to_string("adoption/email/report_message.html", context)
    return {"subject": subject, "body": body, "html_body": html_body}


def report_for(person: Person, *, day: date | None = None) -> Report | None:
    """The report this person gets: the organisation's for a community manager, their own
    department's for a head of department (if it has its own figures), else None."""
    day = day or timezone.localdate()
    if not person.is_active:
        return None
    if person.has_perm(VIEW_ADOPTION):
        figures = weekly_figures(day=day)
        if figures is None:
            return None
        return Report(ORGANISATION, figures, facts_gather(day=figures.day))
    if not report_to_heads() or person.department_id is None:
        return None
    if not any(head.pk == person.pk for head in heads_of([str(person.department_id)])):
        return None
    figures = weekly_figures(
        day=day, dimension=GroupDay.Dimension.DEPARTMENT, key=str(person.department_id)
    )
    if figures is None or str(person.department_id) not in _department_keys(figures.day):
        return None
    return Report(DEPARTMENT, figures, Facts())


def report_preview(person: Person, day: date | None = None) -> str | None:
    """The HTML of the report `person` would get for `day` (default today); None if they get
    none. For a preview page on the dashboard."""
    report = report_for(person, day=day)
    if report is None:
        return None
    return render(person, report)["html_body"]


def report_send(*, day: date) -> int:
    """Queue the weekly report for everyone who gets one (on commit); returns how many.
    Nothing is sent before the first roll-up."""
    organisation = weekly_figures(day=day)
    if organisation is None:
        logger.info("No adoption figures up to %s yet: no weekly report sent.", day)
        return 0
    facts = facts_gather(day=organisation.day)
    queued = 0
    managers = community_managers()
    for person in managers:
        _queue(person, Report(ORGANISATION, organisation, facts))
        queued += 1
    if not report_to_heads():
        return queued
    skip = {person.pk for person in managers}
    keys = _department_keys(organisation.day)
    by_key: dict[str, WeeklyFigures | None] = {}
    for head in heads_of(keys):
        if head.pk in skip:
            continue
        key = str(head.department_id)
        if key not in by_key:
            by_key[key] = weekly_figures(
                day=organisation.day, dimension=GroupDay.Dimension.DEPARTMENT, key=key
            )
        figures = by_key[key]
        if figures is None or figures.day != organisation.day:
            continue
        _queue(head, Report(DEPARTMENT, figures, Facts()))
        queued += 1
    return queued


def _queue(person: Person, report: Report) -> None:
    message = render(person, report)
    transaction.on_commit(functools.partial(email_enqueue, to=[person.email], **message))
