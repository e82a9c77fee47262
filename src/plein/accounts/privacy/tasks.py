"""The background work of data downloads:

- `data_export_build`: builds one person's ZIP (queued by services.export_request);
- "data-export-prune" (`PRUNE`, in the schedule): every night, deletes downloads past their date.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks import task

from plein.core.registries.schedule import Job

from . import services

PRUNE_HOUR = 3


@task()
def data_export_build(export_id: int) -> None:
    services.export_build(export_id=export_id)


@task()
def data_exports_prune() -> int:
    return services.exports_prune()


def next_prune_run(now: datetime) -> datetime:
    """The next PRUNE_HOUR:00 (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    run = local.replace(hour=PRUNE_HOUR, minute=15, second=0, microsecond=0)
    return run if run > local else run + timedelta(days=1)


PRUNE = Job(
    key="data-export-prune",
    order=93,
    task=data_exports_prune,
    next_run=next_prune_run,
    cron=lambda: f"15 {PRUNE_HOUR} * * *",
    label="Delete downloads of personal data past their date",
)
