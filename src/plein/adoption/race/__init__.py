"""The department race: profile completeness per top-level department during the launch period.

The race runs during the launch period (PLEIN_RACE_WEEKS after the launch, 8 by default) or,
once the community manager started it, until its end date or the announcement of the winner.

- selectors.py: the race settings, whether it is on, the leaderboard (a fixed number of queries);
- services.py: the write path (prize and end, the first department at 100%, the winner);
- permissions.py: who manages the race (the community manager);
- forms.py and views.py: the race page (/adoption/race/);
- widget.py: the start-page widget RACE_WIDGET (registered in AdoptionConfig.ready()).
"""

from __future__ import annotations

from .permissions import can_manage_race
from .selectors import (
    Standing,
    _complete_profile,  # for the test that keeps it in step with profile_completeness
    announcement_text,
    launch_period,
    leaderboard,
    leaderboard_cached,
    race_forget,
    race_get,
    race_is_on,
    race_is_running,
    top_level_of,
)
from .services import race_announce, race_check_first_complete, race_update

__all__ = [
    "Standing",
    "_complete_profile",
    "announcement_text",
    "can_manage_race",
    "launch_period",
    "leaderboard",
    "leaderboard_cached",
    "race_announce",
    "race_check_first_complete",
    "race_forget",
    "race_get",
    "race_is_on",
    "race_is_running",
    "race_update",
    "top_level_of",
]
