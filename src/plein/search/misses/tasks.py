"""The scheduled jobs of searches without results (registered in SearchConfig.ready()):

- "search-misses-prune" (`MISSES_PRUNE`): every night, deletes the searches without results from
  before the window (PLEIN_SEARCH_MISS_DAYS);
- "search-tasks-check" (`TASKS_CHECK`): every 15 minutes, marks done the writing tasks whose content
  now exists.

`plein schedule` queues them, or cron runs `plein schedule --run KEY` (see `--cron`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django_tasks import task

from plein.core.registries.schedule import Job

from . import checks, services

CHECK_EVERY = timedelta(minutes=15)


@task()
def misses_prune() -> int:
    return services.misses_prune()


@task()
def search_tasks_check() -> int:
    return checks.search_tasks_check()


def next_prune_run(now: datetime) -> datetime:
    return now + timedelta(days=1)


def next_check_run(now: datetime) -> datetime:
    return now + CHECK_EVERY


MISSES_PRUNE = Job(
    key="search-misses-prune",
    order=70,
    task=misses_prune,
    next_run=next_prune_run,
    cron=lambda: "30 3 * * *",
    label="Delete the searches without results from before the window",
)
TASKS_CHECK = Job(
    key="search-tasks-check",
    order=75,
    task=search_tasks_check,
    next_run=next_check_run,
    cron=lambda: "*/15 * * * *",
    label="Mark the writing tasks done whose content now exists",
)
