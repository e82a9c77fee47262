"""Background work for documents: text extraction and the daily review reminders.

The scheduled job "document-reviews" (`REVIEWS`, registered in DocumentsConfig.ready()) e-mails
the owners whose review date passed, once a day: `plein schedule` queues it, or a cron line runs
`plein schedule --run document-reviews` (see `plein schedule --cron`).
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from plein.core.registries.schedule import Job

from . import services


@task()
def extract_text(version_id: int) -> bool:
    return services.version_extract_text(version_id=version_id)


@task()
def review_schedule() -> int:
    """E-mail the owners of documents due for review (the schedule queues the next run)."""
    return services.reviews_send()


def next_review_run(now: datetime) -> datetime:
    """The review reminders are sent daily: the next run is a day after `now`."""
    return now + services.REVIEW_INTERVAL


REVIEWS = Job(
    key="document-reviews",
    order=30,
    task=review_schedule,
    next_run=next_review_run,
    cron=lambda: "0 7 * * *",
    label="E-mail the owners of documents whose review date has passed",
)
