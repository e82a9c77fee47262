"""The launch countdown on the start page, for the people who prepare the launch."""

from __future__ import annotations

import math
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.registries.widgets import Widget
from plein.people.http import AuthenticatedHttpRequest

from .permissions import can_view_launch
from .readiness.selectors import report
from .selectors import launch_plan

READINESS_SCORE_CACHE_KEY = "plein:launch:readiness-score:v1"
READINESS_SCORE_SECONDS = 5 * 60


def _available(request: AuthenticatedHttpRequest) -> bool:
    return not launch_plan().is_launched and can_view_launch(request.user)


def _context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    plan = launch_plan()
    score = cache.get(READINESS_SCORE_CACHE_KEY)
    if score is None:
        score = report().score
        cache.set(READINESS_SCORE_CACHE_KEY, score, READINESS_SCORE_SECONDS)
    days = 0
    if plan.launch_date:
        seconds = (plan.launch_date - timezone.now()).total_seconds()
        days = max(0, math.ceil(seconds / 86400))
    return {
        "launch_plan_now": plan,
        "launch_days_left": days,
        "launch_readiness_score": score,
    }


COUNTDOWN = Widget(
    "launch",
    _("Launch countdown"),
    "launch/widgets/countdown.html",
    _context,
    order=5,
    available=_available,
)
