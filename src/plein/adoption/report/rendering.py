"""Which report a person gets, and the report as an e-mail (subject, text and HTML)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from plein.core.mail import Email, in_language_of, render_email, render_subject
from plein.core.selectors import branding_get
from plein.people.models import Person

from ..models import GroupDay
from ..permissions import VIEW_ADOPTION
from .common import DEPARTMENT, NONE, ORGANISATION, dashboard_url, percent, report_to_heads
from .figures import WeeklyFigures, weekly_figures
from .next_steps import Facts, facts_gather, suggestions
from .recipients import department_keys, heads_of


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
        shown = [percent(value), percent(before)]
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


def render(person: Person, report: Report) -> Email:
    """The report as an e-mail to this person (subject, text and HTML), in their language."""
    with in_language_of(person):
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
        subject = render_subject("adoption/email/report_subject.txt", context)
        context["subject"] = subject
        return render_email(
            subject=subject,
            text="adoption/email/report_message.txt",
            html="adoption/email/report_message.html",
            context=context,
        )


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
    if figures is None or str(person.department_id) not in department_keys(figures.day):
        return None
    return Report(DEPARTMENT, figures, Facts())


def report_preview(person: Person, day: date | None = None) -> str | None:
    """The HTML of the report `person` would get for `day` (default today); None if they get
    none. For a preview page on the dashboard."""
    report = report_for(person, day=day)
    if report is None:
        return None
    return render(person, report).html_body
