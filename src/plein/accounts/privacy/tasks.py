"""The background work of data downloads:

- `data_export_build`: builds one person's ZIP (queued by services.export_request);
- "data-export-prune" (`PRUNE`, in the schedule): every night, deletes downloads past their date.
"""

from __future__ import annotations

from django_tasks import task

from plein.core.registries.schedule import Job, daily_at

from . import services

PRUNE_HOUR = 3


@task()
def data_export_build(export_id: int) -> None:
    services.export_build(export_id=export_id)


@task()
def data_exports_prune() -> int:
    return services.exports_prune()


PRUNE = Job(
    key="data-export-prune",
    order=93,
    task=data_exports_prune,
    next_run=daily_at(PRUNE_HOUR, 15),
    cron=lambda: f"15 {PRUNE_HOUR} * * *",
    label="Delete downloads of personal data past their date",
)
