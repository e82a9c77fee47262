"""Background work for notifications: digests and their daily schedule.

django-tasks has no periodic scheduler, so the schedule re-queues itself: `plein send-digests
--schedule` queues `digest_schedule` once; each run queues the digests that are due and the next
run at PLEIN_DIGEST_HOUR (local time). A cron line running `plein send-digests` does the same
without the chain.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django_tasks import task
from django_tasks.base import Task

from . import services

logger = logging.getLogger(__name__)


# Who hears about new content is worked out in the background: a comment on a post with many
# followers must not slow down the request that wrote it.
@task()
def post_published(post_id: int, mentioned_ids: Sequence[int]) -> int:
    return len(services.post_published(post_id, mentioned_ids=mentioned_ids))


@task()
def comment_published(comment_id: int, mentioned_ids: Sequence[int], only_mentions: bool) -> int:
    return len(services.comment_published(comment_id, mentioned_ids, only_mentions=only_mentions))


@task()
def post_notify(post_id: int, recipient_ids: Sequence[int], kind: str) -> int:
    return len(services.post_notify(post_id=post_id, recipient_ids=recipient_ids, kind=kind))


@task()
def reaction_added(reaction_id: int) -> int:
    return len(services.reaction_added(reaction_id))


def notify_later(notify: Task, *args: object) -> None:  # type: ignore[type-arg]
    """Queue a notification task; a queue failure is logged, never undoes the change."""
    try:
        notify.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%r", notify.name, args)


@task()
def send_digest(person_id: int, frequency: str) -> bool:
    return services.digest_send(person_id=person_id, frequency=frequency)


@task()
def digest_schedule() -> int:
    queued = services.digests_enqueue(frequency="due")
    services.digest_schedule_next()
    return queued
