"""Background work for adoption analytics: the nightly roll-up, which queues itself again.

django-tasks has no periodic scheduler: `plein adoption-rollup --schedule` queues
`adoption_nightly` once; each run rolls up yesterday (and any days missed since the last
roll-up), prunes old raw events and person-days, and queues the next run at
PLEIN_ADOPTION_ROLLUP_HOUR (local time, default 02:00). A cron line running `plein
adoption-rollup` does the same without the chain.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from plein.core.tasks import enqueue_later_once, is_waiting


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


def schedule_pending() -> bool:
    """Is an adoption_nightly task already waiting in the database queue?"""
    return is_waiting(adoption_nightly)


def schedule_next(*, now: datetime | None = None) -> datetime | None:
    """Queue the nightly roll-up for its next hour, unless one waits already; returns when it
    will run, or None when nothing was queued."""
    return enqueue_later_once(adoption_nightly, run_after=next_run(now or timezone.now()))


@task()
def adoption_nightly() -> dict[str, int]:
    from . import rollups

    try:
        rolled, pruned = rollups.nightly()
    finally:
        schedule_next()
    return {
        "days": len(rolled),
        "pruned_events": pruned.events,
        "pruned_person_days": pruned.person_days,
    }
