"""Background work for the search index: the daily prune.

The scheduled job "search-prune" (`PRUNE`, registered in SearchConfig.ready()) deletes, once a
day, the entries whose object no longer exists (services.search_prune): a safety net for objects
removed without their app unindexing them. `plein schedule` queues it, or a cron line runs
`plein schedule --run search-prune` (see `plein schedule --cron`).
"""

from __future__ import annotations

from django_tasks import task

from plein.core.registries.schedule import Job, daily_at

from . import services

PRUNE_HOUR = 4  # local time: a quiet hour, after the night's other jobs


@task()
def prune_schedule() -> int:
    """Delete the entries of objects that are gone (the schedule queues the next run)."""
    return services.search_prune()


PRUNE = Job(
    key="search-prune",
    order=80,
    task=prune_schedule,
    next_run=daily_at(PRUNE_HOUR, 30),
    cron=lambda: f"30 {PRUNE_HOUR} * * *",
    label="Delete the search entries of objects that no longer exist",
)
