"""Sending the weekly report: one e-mail per recipient, queued on commit."""

from __future__ import annotations

import logging
from datetime import date

from plein.people.models import Person

from ..models import GroupDay
from .common import DEPARTMENT, ORGANISATION, report_to_heads
from .figures import WeeklyFigures, weekly_figures
from .next_steps import Facts, facts_gather
from .recipients import community_managers, department_keys, heads_of
from .rendering import Report, render

logger = logging.getLogger("plein.adoption.report")  # the package's name, as before the split


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
    keys = department_keys(organisation.day)
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
    render(person, report).enqueue_on_commit(to=[person.email])
