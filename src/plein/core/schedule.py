"""Runs the schedule: each registered job's next run waits in the task queue, exactly once.

The jobs are registered by their apps in plein.core.registries.schedule. `plein schedule` queues
each job's next run unless one waits already (`queue_all`); the task worker (`plein db_worker`)
runs it when due, and when it has finished, successfully or not, `requeue_after_run` queues the
run after (connected to django-tasks' `task_finished` signal in CoreConfig.ready()). All state is
in the database queue: any number of processes may run `plein schedule`, and any number of
workers the jobs, and one run of each job waits at a time (`enqueue_later_once`).

Sites that prefer cron print the crontab lines with `plein schedule --cron`; each line runs a
job in the foreground with `plein schedule --run KEY` (`run_now`), which queues nothing.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResult

from .registries.schedule import SCHEDULE, Job, job_of
from .tasks import enqueue_later_once, waiting_until

logger = logging.getLogger(__name__)


class CannotSchedule(Exception):
    """The task backend cannot run tasks later (the immediate backend), so nothing waits."""


@dataclass(frozen=True)
class Queued:
    job: Job
    run_after: datetime  # when the waiting run is due
    new: bool  # queued just now (False: it was waiting already)


@dataclass(frozen=True)
class Status:
    job: Job
    next_run: datetime  # the waiting run, or when one queued now would run
    queued: bool


def can_schedule() -> bool:
    """Can the task backend of the jobs hold a run until its time?"""
    return all(job.task.get_backend().supports_defer for job in SCHEDULE.all())


def queue_next(job: Job, *, now: datetime | None = None) -> Queued:
    """Queue the job's next run after `now`, unless one waits already."""
    if not job.task.get_backend().supports_defer:
        raise CannotSchedule(job.key)
    run_after = enqueue_later_once(job.task, run_after=job.next_run(now or timezone.now()))
    if run_after is not None:
        return Queued(job, run_after, new=True)
    # One waited already (or another process queued it a moment ago).
    waiting = waiting_until(job.task)
    return Queued(job, waiting or job.next_run(now or timezone.now()), new=False)


def queue_all(*, now: datetime | None = None) -> list[Queued]:
    """Make sure every job's next run waits in the queue; raises CannotSchedule (before queueing
    anything) when the task backend cannot run tasks later."""
    if not can_schedule():
        raise CannotSchedule("The task backend cannot run tasks later.")
    return [queue_next(job, now=now) for job in SCHEDULE.all()]


def statuses(*, now: datetime | None = None) -> list[Status]:
    """Each job with its next run and whether that run waits in the queue."""
    now = now or timezone.now()
    found = []
    for job in SCHEDULE.all():
        waiting = waiting_until(job.task)
        found.append(Status(job, waiting or job.next_run(now), queued=waiting is not None))
    return found


def run_now(key: str) -> Any:
    """Run one job in this process, now (from cron, or by hand); queues no next run. Raises
    KeyError for an unknown key."""
    job = SCHEDULE.get(key)
    if job is None:
        raise KeyError(key)
    return job.task.call()


def requeue_after_run(sender: object, task_result: TaskResult[Any], **kwargs: object) -> None:
    """`task_finished` receiver: when a job's run has finished (or failed), queue its next run.
    A run called in the foreground (`run_now`) sends no signal, so it queues nothing."""
    job = job_of(task_result.task)
    if job is None or not job.task.get_backend().supports_defer:
        return
    try:
        queue_next(job)
    except Exception:
        # Raising here would mark the finished run as failed; the next `plein schedule` repairs.
        logger.exception("Could not queue the next run of the scheduled job %s", job.key)


def crontab() -> str:
    """The schedule as crontab lines, one `plein schedule --run KEY` a job."""
    plein = Path(sys.executable).with_name("plein")
    command = str(plein) if plein.exists() else "plein"
    lines = [
        "# Plein's scheduled jobs, for cron instead of `plein schedule` (use one or the other).",
        "# Run them with the web server's environment (DATABASE_URL, PLEIN_VAR_DIR, ...); the",
        "# e-mails they queue are still sent by the task worker, `plein db_worker`.",
        f"CRON_TZ={settings.TIME_ZONE}",
    ]
    for job in SCHEDULE.all():
        lines.append(f"# {job.label}")
        lines.append(f"{job.cron()}  {command} schedule --run {job.key}")
    return "\n".join(lines) + "\n"
