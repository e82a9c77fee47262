"""Background work for documents: text extraction and the daily review reminders.

django-tasks has no periodic scheduler, so the review schedule re-queues itself: `plein
send-document-reviews --schedule` queues `review_schedule` once; each run e-mails the owners whose
review date passed and queues the next run a day later. A daily cron line running `plein
send-document-reviews` does the same without the chain.
"""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def extract_text(version_id: int) -> bool:
    return services.version_extract_text(version_id=version_id)


@task()
def review_schedule() -> int:
    sent = services.reviews_send()
    services.review_schedule_next()
    return sent
