"""Background work for webhooks: hearing about events, one attempt per task, and three jobs.

- `events_receive`: the events of one change (from plein.core.registries.events) become
  deliveries; a news item planned ahead is heard about at its moment (`run_after`).
- `deliver`: one attempt of one message; a retry is queued to run after its wait.
- The schedule: "webhooks-due" (every 5 minutes: messages whose task was lost or could not
  wait), "webhooks-questions" (hourly: questions without an answer for a webhook's number of
  days), "webhooks-prune" (daily: deliveries older than PLEIN_WEBHOOK_KEEP_DAYS).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from plein.core.registries.events import Event
from plein.core.registries.schedule import Job, daily_at

from . import services
from .models import Webhook

logger = logging.getLogger(__name__)


def _later(planned: Task, at: datetime | None, *args: Any) -> None:  # type: ignore[type-arg]
    """Queue now, or to run at `at` when that is later; a queue failure is logged only."""
    try:
        if at is not None and at > timezone.now():
            later = planned.using(run_after=at)
            if not later.get_backend().supports_defer:
                logger.warning(
                    "The task backend cannot wait: %s%r is not planned", planned.name, args
                )
                return
            later.enqueue(*args)
        else:
            planned.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%r", planned.name, args)


@task()
def deliver(delivery_id: int) -> str:
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    return delivery.status if delivery is not None else "not due"


def deliver_enqueue(delivery_id: int, *, at: datetime | None = None) -> None:
    _later(deliver, at, delivery_id)


@task()
def events_receive(events: list[dict[str, Any]]) -> int:
    return len(services.events_receive(events=[Event(**event) for event in events]))


def listen(events: Sequence[Event]) -> None:
    """The listener of plein.core.registries.events (after the commit of the change)."""
    if not Webhook.objects.filter(is_active=True).exists():
        return
    now, planned = [], []
    for event in events:
        plain = {**asdict(event), "at": None}
        if event.at is not None and event.at > timezone.now():
            planned.append((event.at, plain))
        else:
            now.append(plain)
    if now:
        _later(events_receive, None, now)
    for at, plain in planned:
        _later(events_receive, at, [plain])


def _every(minutes: int) -> Any:
    def next_run(now: datetime) -> datetime:
        start = now.replace(second=0, microsecond=0)
        return start + timedelta(minutes=minutes - start.minute % minutes)

    return next_run


@task()
def due_schedule() -> int:
    return services.deliveries_send_due()


@task()
def questions_schedule() -> int:
    return len(services.questions_unanswered_emit())


@task()
def prune_schedule() -> int:
    return services.deliveries_prune()


DUE = Job(
    key="webhooks-due",
    order=90,
    task=due_schedule,
    next_run=_every(5),
    cron=lambda: "*/5 * * * *",
    label="Send the webhook messages whose attempt is overdue",
)
QUESTIONS = Job(
    key="webhooks-questions",
    order=91,
    task=questions_schedule,
    next_run=_every(60),
    cron=lambda: "0 * * * *",
    label="Tell webhooks about questions that stayed without an answer",
)
PRUNE = Job(
    key="webhooks-prune",
    order=92,
    task=prune_schedule,
    next_run=daily_at(3, 45),
    cron=lambda: "45 3 * * *",
    label="Delete old webhook deliveries",
)
