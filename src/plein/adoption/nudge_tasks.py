"""Background work for nudges: the daily run, which queues itself again.

django-tasks has no periodic scheduler: `plein send-nudges --schedule` queues `nudge_schedule`
once; each run sends the nudges that are due, checks the department race for a first department
at 100%, and queues the next run at PLEIN_NUDGE_HOUR (local time). A cron line running `plein
send-nudges` does the same without the chain.
"""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def nudge_schedule() -> dict[str, int]:
    from . import nudges, race

    sent = nudges.nudges_send()
    try:
        race.race_check_first_complete()
    except Exception:
        logger.exception("Could not check the department race")
    nudges.nudge_schedule_next()
    return sent
