"""Background work for the search index: the daily prune.

The scheduled job "search-prune" (`PRUNE`, registered in SearchConfig.ready()) deletes, once a
day, the entries whose object no longer exists (services.search_prune): a safety net for objects
removed without their app unindexing them. `plein schedule` queues it, or a cron line runs
`plein schedule --run search-prune` (see `plein schedule --cron`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks import task

from plein.core.registries.schedule import Job

from . import services

PRUNE_HOUR = 4  # local time: a quiet hour, after the night's other jobs


def next_prune_run(now: datetime) -> datetime:
    """The next PRUNE_HOUR:30 (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    run = local.replace(hour=PRUNE_HOUR, minute=30, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(
            hour=PRUNE_HOUR, minute=30, second=0, microsecond=0
        )
    return run


@task()
def prune_schedule() -> int:
    """Delete the entries of objects that are gone (the schedule queues the next run)."""
    return services.search_prune()


PRUNE = Job(
    key="search-prune",
    order=80,
    task=prune_schedule,
    next_run=next_prune_run,
    cron=lambda: f"30 {PRUNE_HOUR} * * *",
    label="Delete the search entries of objects that no longer exist",
)
