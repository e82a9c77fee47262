"""Reading the absence calendars: one right after a person sets its address, and all of them
every hour by the scheduled job "availability-feeds" (`FEEDS`, registered in PeopleConfig.ready();
`plein schedule --run availability-feeds` from cron does the same)."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

from django_tasks import task

from plein.core.registries.schedule import Job

from ..models import AbsenceFeed
from . import feed, services

logger = logging.getLogger(__name__)


FETCHERS = 8  # calendars fetched at the same time: a slow server does not hold up the rest
BATCH = 200


def _read(url: str) -> tuple[list[tuple[date, date]], str]:
    """The periods away in the calendar at `url`, or the code of what went wrong."""
    try:
        return feed.absences_in(feed.fetch(url)), ""
    except feed.FeedError as error:
        return [], error.code


def _record(row: AbsenceFeed, periods: list[tuple[date, date]], error: str) -> None:
    if error:
        logger.info("Absence calendar %s not read: %s", row.pk, error)
    services.calendar_absences_replace(feed=row, periods=periods, error=error)


@task()
def absence_feed_read(feed_id: int) -> int:
    """Read one calendar (right after its address was set); returns the absences it gave."""
    row = AbsenceFeed.objects.select_related("person").filter(pk=feed_id).first()
    if row is None:
        return 0
    periods, error = _read(row.url)
    _record(row, periods, error)
    return len(periods) if not error else 0


@task()
def absence_feeds_read() -> int:
    """Read every active person's calendar, FETCHERS at a time, and record each result in its
    own transaction. Returns how many were read without an error."""
    rows = AbsenceFeed.objects.select_related("person").filter(person__is_active=True)
    rows = rows.order_by("pk")
    read = 0
    last_pk = 0
    while batch := list(rows.filter(pk__gt=last_pk)[:BATCH]):
        with ThreadPoolExecutor(max_workers=FETCHERS) as pool:
            results = list(pool.map(_read, [row.url for row in batch]))
        for row, (periods, error) in zip(batch, results, strict=True):
            _record(row, periods, error)
            read += not error
        last_pk = batch[-1].pk
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
