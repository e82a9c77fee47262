"""The schedule: background jobs that run again and again (digests, reminders, roll-ups...).

django-tasks has no periodic scheduler. Each app registers its repeating jobs here, from its
`AppConfig.ready()`; `plein schedule` (plein.core.schedule) queues each job's next run once, and
after every run the job's next run is queued again. Sites that prefer cron run each job with
`plein schedule --run KEY` at the times `plein schedule --cron` prints::

    from plein.core.registries.schedule import SCHEDULE, Job

    SCHEDULE.register(
        Job(
            key="recipes",
            order=70,
            task=tasks.recipes_of_the_day,  # a django-tasks Task without arguments
            next_run=lambda now: now + timedelta(hours=1),  # the run after `now`
            cron=lambda: "0 * * * *",  # the same times, as crontab fields
            label="Share the recipes of the day",
        )
    )

A job's task does the work only: it never queues itself again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks.base import Task

from . import Registry


@dataclass(frozen=True)
class Job:
    key: str  # the name on the command line: `plein schedule --run KEY`
    order: int
    task: Task[[], Any]
    # When the job runs next after `now` (an aware datetime); read when a run is queued.
    next_run: Callable[[datetime], datetime]
    # The same times as the five crontab time fields, e.g. "0 7 * * 1"; read by `--cron`.
    cron: Callable[[], str]
    label: str  # what the job does, in one line, for `--list` and `--cron`


SCHEDULE: Registry[Job] = Registry("schedule")
register = SCHEDULE.register


def job_of(task: Task[Any, Any]) -> Job | None:
    """The job that runs this task, if any."""
    path = task.module_path
    return next((job for job in SCHEDULE.all() if job.task.module_path == path), None)


def daily_at(hour: int, minute: int = 0) -> Callable[[datetime], datetime]:
    """A `next_run` for a job that runs once a day at hour:minute, local time (TIME_ZONE)."""

    def next_run(now: datetime) -> datetime:
        local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
        run = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if run <= local:
            run = (local + timedelta(days=1)).replace(
                hour=hour, minute=minute, second=0, microsecond=0
            )
        return run

    return next_run
