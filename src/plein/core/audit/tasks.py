"""The daily retention job "audit-prune": entries older than PLEIN_AUDIT_KEEP_DAYS go.

`plein schedule` queues it (registered in CoreConfig.ready()), or a cron line runs
`plein schedule --run audit-prune`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks import task

from ..registries.schedule import Job
from . import services

PRUNE_HOUR = 3  # local time: a quiet hour


def next_prune_run(now: datetime) -> datetime:
    """The next PRUNE_HOUR:15 (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    run = local.replace(hour=PRUNE_HOUR, minute=15, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(
            hour=PRUNE_HOUR, minute=15, second=0, microsecond=0
        )
    return run


@task()
def prune_schedule() -> int:
    """Delete the audit entries older than the retention period."""
    return services.audit_prune()


PRUNE = Job(
    key="audit-prune",
    order=85,
    task=prune_schedule,
    next_run=next_prune_run,
    cron=lambda: f"15 {PRUNE_HOUR} * * *",
    label="Delete the audit log entries older than the retention period",
)
