"""Background work for adoption: the nightly roll-up, the daily nudges and the weekly report.

Three scheduled jobs, registered in AdoptionConfig.ready(); `plein schedule` queues each once
and the task worker queues the next run after each run, or a cron line runs
`plein schedule --run KEY` (see `plein schedule --cron`):

- "adoption-rollup" (`ROLLUP`): rolls up yesterday (and any days missed since the last roll-up)
  and prunes old raw events and person-days, every night at PLEIN_ADOPTION_ROLLUP_HOUR (local
  time, default 02:00); `plein adoption-rollup` does it at once, or for given days;
- "nudges" (`NUDGES`): sends the nudges that are due and checks the department race for a
  first department at 100%, every day at PLEIN_NUDGE_HOUR (default 10:00); `plein send-nudges`
  does it at once;
- "adoption-report" (`REPORT`): e-mails the weekly report, every Monday at
  PLEIN_ADOPTION_REPORT_HOUR (default 07:00); `plein send-adoption-report` sends it at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from plein.core.registries.schedule import Job

from . import nudges, rollups
from .race import race_check_first_complete
from .report import report_send

logger = logging.getLogger(__name__)

MONDAY = 0


# The nightly roll-up --------------------------------------------------------------------------


def rollup_hour() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_ROLLUP_HOUR", 2))


def next_run(now: datetime) -> datetime:
    """The next PLEIN_ADOPTION_ROLLUP_HOUR:00 (local time) after `now`."""
    local = timezone.localtime(now)
    run = local.replace(hour=rollup_hour(), minute=0, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(
            hour=rollup_hour(), minute=0, second=0, microsecond=0
        )
    return run


@task()
def adoption_nightly() -> dict[str, int]:
    rolled, pruned = rollups.nightly()
    return {
        "days": len(rolled),
        "pruned_events": pruned.events,
        "pruned_person_days": pruned.person_days,
    }


# The daily nudges -----------------------------------------------------------------------------


@task()
def nudge_schedule() -> dict[str, int]:
    sent = nudges.nudges_send()
    try:
        race_check_first_complete()
    except Exception:
        logger.exception("Could not check the department race")
    return sent


# The weekly report ----------------------------------------------------------------------------


def report_hour() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_REPORT_HOUR", 7))


def next_report_run(now: datetime) -> datetime:
    """The next Monday at the report hour (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    days = (MONDAY - local.weekday()) % 7
    run = (local + timedelta(days=days)).replace(
        hour=report_hour(), minute=0, second=0, microsecond=0
    )
    if run <= local:
        run = (run + timedelta(days=7)).replace(hour=report_hour())
    return run


@task()
def report_schedule() -> int:
    return report_send(day=timezone.localdate())


# The jobs, registered in AdoptionConfig.ready() -------------------------------------------------

ROLLUP = Job(
    key="adoption-rollup",
    order=40,
    task=adoption_nightly,
    next_run=next_run,
    cron=lambda: f"0 {rollup_hour()} * * *",
    label="Roll up the adoption figures of yesterday and prune old usage records",
)
NUDGES = Job(
    key="nudges",
    order=50,
    task=nudge_schedule,
    next_run=nudges.next_nudge_run,
    cron=lambda: f"0 {nudges.nudge_hour()} * * *",
    label="Send the nudges that are due and check the department race",
)
REPORT = Job(
    key="adoption-report",
    order=60,
    task=report_schedule,
    next_run=next_report_run,
    cron=lambda: f"0 {report_hour()} * * 1",
    label="E-mail the weekly adoption report (Mondays)",
)
