"""Drip-fed tips: the library the community manager keeps, and which tip a person sees today.

How tips are handed out
-----------------------
Every person gets the active tips one at a time, in the library's order, counted from their
first visit to the start page (OnboardingState.started_at, in local time):

- on that first day tip 1, and on each following weekday (Monday to Friday) the next one, so a
  library of 20 tips lasts four working weeks; Saturdays and Sundays bring no new tip;
- a tip stays on the start page for the day; "Got it" puts it away until the next one is due
  (it records `tips_seen` and `tip_dismissed_on`), so there is never more than one new tip a day;
- the schedule follows the calendar: after a week away a person goes on with the tip of that
  day (the ones missed come by again later as tip of the day);
- once every tip has been due, the start page shows a tip of the day that rotates through the
  active tips (one per calendar day, the same for everyone); "Got it" hides it until tomorrow.

The digest e-mail carries a tip of the week: the same rotation, one tip per ISO week.

Texts are Markdown, rendered by plein.posts.markup (markdown-it without raw HTML, then nh3);
"{intranet}" in a title or text becomes the intranet's name. A tip is shown in the active
language: Dutch for nl, English otherwise.

- texts.py: rendering a tip's texts (ShownTip, LibraryTip), shared with the posting guidelines;
- selectors.py: the library (cached) and which tip a person sees; services.py: "Got it" and the
  library's write path; forms.py and views.py: the start page's "Got it" and the library pages.
"""

from __future__ import annotations

from .selectors import (
    ManagedTip,
    active_tips,
    digest_tip,
    tip_for_person,
    tip_for_state,
    tip_of_the_day,
    tip_of_the_week,
    tip_widget_context,
    tips_for_management,
    tips_forget,
    weekdays_between,
)
from .services import (
    tip_create,
    tip_delete,
    tip_dismiss,
    tip_move,
    tip_set_active,
    tip_update,
)
from .texts import LibraryTip, ShownTip, markdown_html, tip_language

__all__ = [
    "LibraryTip",
    "ManagedTip",
    "ShownTip",
    "active_tips",
    "digest_tip",
    "markdown_html",
    "tip_create",
    "tip_delete",
    "tip_dismiss",
    "tip_for_person",
    "tip_for_state",
    "tip_language",
    "tip_move",
    "tip_of_the_day",
    "tip_of_the_week",
    "tip_set_active",
    "tip_update",
    "tip_widget_context",
    "tips_for_management",
    "tips_forget",
    "weekdays_between",
]
