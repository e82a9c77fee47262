"""The daily retention job "audit-prune": entries older than PLEIN_AUDIT_KEEP_DAYS go.

`plein schedule` queues it (registered in CoreConfig.ready()), or a cron line runs
`plein schedule --run audit-prune`.
"""

from __future__ import annotations

from django_tasks import task

from ..registries.schedule import Job, daily_at
from . import services

PRUNE_HOUR = 3  # local time: a quiet hour


@task()
def prune_schedule() -> int:
    """Delete the audit entries older than the retention period."""
    return services.audit_prune()


PRUNE = Job(
    key="audit-prune",
    order=85,
    task=prune_schedule,
    next_run=daily_at(PRUNE_HOUR, 15),
    cron=lambda: f"15 {PRUNE_HOUR} * * *",
    label="Delete the audit log entries older than the retention period",
)
