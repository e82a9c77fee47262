"""Background work for notifications: the digests. (Who hears about new posts, comments and
reactions is worked out in the background by the posts' tasks, plein.posts.tasks.)

The digests that are due are queued by the scheduled job "digests" (`DIGESTS`, registered in
NotificationsConfig.ready()), every day at PLEIN_DIGEST_HOUR (local time): `plein schedule`
queues it, or a cron line runs `plein schedule --run digests` (see `plein schedule --cron`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks import task

from plein.core.registries.schedule import Job

from . import services


def next_digest_run(now: datetime) -> datetime:
    """The next PLEIN_DIGEST_HOUR:00 (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    run = local.replace(hour=settings.PLEIN_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run = (local + timedelta(days=1)).replace(
            hour=settings.PLEIN_DIGEST_HOUR, minute=0, second=0, microsecond=0
        )
    return run


@task()
def send_digest(person_id: int, frequency: str) -> bool:
    return services.digest_send(person_id=person_id, frequency=frequency)


@task()
def digest_schedule() -> int:
    """Queue the digests that are due (the schedule queues the next run)."""
    return services.digests_enqueue(frequency="due")


DIGESTS = Job(
    key="digests",
    order=10,
    task=digest_schedule,
    next_run=next_digest_run,
    cron=lambda: f"0 {settings.PLEIN_DIGEST_HOUR} * * *",
    label="Queue the e-mail summaries (digests) that are due: daily, and weekly on Mondays",
)
