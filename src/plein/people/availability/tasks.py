"""Reading the absence calendars: one right after a person sets its address, and all of them
every hour by the scheduled job "availability-feeds" (`FEEDS`, registered in PeopleConfig.ready();
`plein schedule --run availability-feeds` from cron does the same)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django_tasks import task

from plein.core.registries.schedule import Job

from ..models import AbsenceFeed
from . import feed, services

logger = logging.getLogger(__name__)


def absence_feed_refresh(feed_row: AbsenceFeed) -> int:
    """Read one calendar and record what it says (or why it could not be read)."""
    try:
        periods = feed.absences_in(feed.fetch(feed_row.url))
    except feed.FeedError as error:
        logger.info("Absence calendar %s not read: %s", feed_row.pk, error.code)
        return services.calendar_absences_replace(feed=feed_row, periods=[], error=error.code)
    return services.calendar_absences_replace(feed=feed_row, periods=periods)


@task()
def absence_feed_read(feed_id: int) -> int:
    row = AbsenceFeed.objects.select_related("person").filter(pk=feed_id).first()
    return absence_feed_refresh(row) if row is not None else 0


@task()
def absence_feeds_read() -> int:
    """Read every active person's calendar; returns how many were read without an error."""
    read = 0
    rows = AbsenceFeed.objects.select_related("person").filter(person__is_active=True)
    for row in rows.order_by("pk").iterator(chunk_size=200):
        absence_feed_refresh(row)
        read += not row.last_error
    return read


def next_feeds_run(now: datetime) -> datetime:
    """A quarter past the next hour."""
    run = now.replace(minute=15, second=0, microsecond=0)
    return run if run > now else run + timedelta(hours=1)


FEEDS = Job(
    key="availability-feeds",
    order=5,
    task=absence_feeds_read,
    next_run=next_feeds_run,
    cron=lambda: "15 * * * *",
    label="Read the absence calendars people published",
)
