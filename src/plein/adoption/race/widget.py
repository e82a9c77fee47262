"""The department race on the start page, during the launch period or while it runs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from plein.core.registries.widgets import Widget
from plein.people.http import AuthenticatedHttpRequest

from .permissions import can_manage_race
from .selectors import leaderboard_cached, race_is_on, top_level_of
from .services import race_check_first_complete


def _available(request: AuthenticatedHttpRequest) -> bool:
    return race_is_on()


def widget_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    board = leaderboard_cached()
    race = race_check_first_complete(board)
    top, _names = top_level_of() if request.user.department_id else ({}, {})
    own = top.get(request.user.department_id or 0)
    return {
        "race": race,
        "race_board": board,
        "race_own_department_id": own,
        "race_can_manage": can_manage_race(request.user),
    }


RACE_WIDGET = Widget(
    "department_race",
    gettext_lazy("Department race"),
    "adoption/race_widget.html",
    widget_context,
    order=25,
    wide=True,
    available=_available,
)
