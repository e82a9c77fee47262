"""The weekly adoption report's schedule: every Monday at PLEIN_ADOPTION_REPORT_HOUR (local).

django-tasks has no periodic scheduler, so the schedule re-queues itself, as the digests do:
`plein send-adoption-report --schedule` queues `report_schedule` once; each run sends the report
and queues the next Monday's run. Only one run waits at a time (enqueue_later_once), so the
report goes out once a week. A weekly cron line running `plein send-adoption-report` does the
same without the chain.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from plein.core.tasks import enqueue_later_once, is_waiting

from . import report

MONDAY = 0


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
    sent = report.report_send(day=timezone.localdate())
    report_schedule_next()
    return sent


def report_schedule_pending() -> bool:
    return is_waiting(report_schedule)


def report_schedule_next(*, now: datetime | None = None) -> datetime | None:
    """Queue the schedule for next Monday, unless one waits already; returns when it will run,
    or None when nothing was queued."""
    return enqueue_later_once(report_schedule, run_after=next_report_run(now or timezone.now()))
