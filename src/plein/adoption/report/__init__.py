"""The weekly adoption report, e-mailed on Monday morning.

Community managers (adoption.view_adoption) get the organisation's figures; heads of department
get their own department's, when PLEIN_ADOPTION_REPORT_TO_HEADS is on (default) and that
department has its own roll-up row (departments smaller than PLEIN_ADOPTION_MIN_GROUP are merged
into "other", so their heads get nothing). Each report holds the headline figures, the change
since the week before (in percentage points) and two to four concrete things to do next.

- figures.py: the headline figures of a group and their change in 7 days (from GroupDay only);
- next_steps.py: the suggestions of what to do next, and the facts behind them;
- recipients.py: community managers and heads of department;
- rendering.py: which report a person gets, rendered as an e-mail or a preview;
- services.py: sending it to everyone;
- common.py: the audiences, links and percentages they share.

`report_send(day=...)` queues the e-mails (on commit); the scheduled job in adoption/tasks.py
runs it every Monday at PLEIN_ADOPTION_REPORT_HOUR (07:00 local by default);
`plein send-adoption-report` sends it at once. `report_preview(person)` renders what that person
would receive.
"""

from __future__ import annotations

from .common import DEPARTMENT, NONE, ORGANISATION, dashboard_url, report_to_heads
from .figures import MEASURES, WeeklyFigures, weekly_figures
from .next_steps import (
    ACTIVATION_LOW,
    CREATORS_LOW,
    LOWEST_DEPARTMENTS,
    MAX_SUGGESTIONS,
    MIN_SUGGESTIONS,
    PROFILES_LOW,
    UNCOVERED_NAMED,
    WEEKLY_FALLING,
    Facts,
    GoalBehind,
    Suggestion,
    facts_gather,
    suggestions,
)
from .recipients import community_managers, heads_of
from .rendering import Report, render, report_for, report_preview
from .services import report_send

__all__ = [
    "ACTIVATION_LOW",
    "CREATORS_LOW",
    "DEPARTMENT",
    "LOWEST_DEPARTMENTS",
    "MAX_SUGGESTIONS",
    "MEASURES",
    "MIN_SUGGESTIONS",
    "NONE",
    "ORGANISATION",
    "PROFILES_LOW",
    "UNCOVERED_NAMED",
    "WEEKLY_FALLING",
    "Facts",
    "GoalBehind",
    "Report",
    "Suggestion",
    "WeeklyFigures",
    "community_managers",
    "dashboard_url",
    "facts_gather",
    "heads_of",
    "render",
    "report_for",
    "report_preview",
    "report_send",
    "report_to_heads",
    "suggestions",
    "weekly_figures",
]
