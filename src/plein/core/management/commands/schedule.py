"""`plein schedule [--list | --cron | --run KEY]`: the repeating background jobs.

Without options, queues each registered job's next run unless one waits already (plein.core.
schedule); a second call, from this or any other process, changes nothing. `make run` calls it
before starting the task worker.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.core import schedule
from plein.core.registries.schedule import SCHEDULE


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


class Command(BaseCommand):
    help = (
        "Queue the next run of each repeating job (digests, event reminders, document reviews, "
        "the adoption roll-up, nudges and report) unless one waits already; each run queues the "
        "next (needs `plein db_worker`). Or list the jobs, print them as crontab lines for cron "
        "instead, or run one job now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--list", action="store_true", help="Each job, its next run and whether it is queued."
        )
        which.add_argument(
            "--cron",
            action="store_true",
            help="Print crontab lines that run each job at its times (for cron instead).",
        )
        which.add_argument("--run", metavar="KEY", help="Run this job now, in this process.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
        elif options["cron"]:
            self.stdout.write(schedule.crontab(), ending="")
        elif options["run"]:
            self._run(options["run"])
        else:
            self._queue()

    def _queue(self) -> None:
        try:
            queued = schedule.queue_all()
        except schedule.CannotSchedule as error:
            raise CommandError(
                "The task backend cannot run tasks later; use the database backend, or cron "
                "(plein schedule --cron)."
            ) from error
        for item in queued:
            done = "queued" if item.new else "already queued; nothing changed"
            self.stdout.write(f"{item.job.key}: {done}; next run {_when(item.run_after)}.")

    def _list(self) -> None:
        width = max((len(job.key) for job in SCHEDULE.all()), default=3)
        self.stdout.write(f"{'JOB':<{width}}  {'NEXT RUN':<16}  QUEUED  WHAT")
        for status in schedule.statuses():
            queued = "yes" if status.queued else "no"
            self.stdout.write(
                f"{status.job.key:<{width}}  {_when(status.next_run)}  {queued:<6}  "
                f"{status.job.label}"
            )

    def _run(self, key: str) -> None:
        if key not in SCHEDULE:
            known = ", ".join(job.key for job in SCHEDULE.all())
            raise CommandError(f"No scheduled job {key!r}; the jobs are: {known}.")
        result = schedule.run_now(key)
        self.stdout.write(f"{key}: done ({result}).")
