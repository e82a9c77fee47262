"""Background work for posts: link previews, and who hears about new posts, comments and
reactions (notify.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django_tasks import task
from django_tasks.base import Task

from . import notify as notifications
from .link_preview import link_preview_store

logger = logging.getLogger(__name__)


@task()
def fetch_link_preview(post_id: int) -> None:
    link_preview_store(post_id)


def link_preview_enqueue(post_id: int) -> None:
    try:
        fetch_link_preview.enqueue(post_id)
    except Exception:
        logger.exception("Could not queue the link preview of post %s", post_id)


# Who hears about new content is worked out in the background: a comment on a post with many
# followers must not slow down the request that wrote it.
@task()
def post_published(post_id: int, mentioned_ids: Sequence[int]) -> int:
    return len(notifications.post_published(post_id, mentioned_ids=mentioned_ids))


@task()
def comment_published(comment_id: int, mentioned_ids: Sequence[int], only_mentions: bool) -> int:
    return len(
        notifications.comment_published(comment_id, mentioned_ids, only_mentions=only_mentions)
    )


@task()
def post_notify(post_id: int, recipient_ids: Sequence[int], kind: str) -> int:
    return len(notifications.post_notify(post_id=post_id, recipient_ids=recipient_ids, kind=kind))


@task()
def reaction_added(reaction_id: int) -> int:
    return len(notifications.reaction_added(reaction_id))


def notify_later(notify: Task, *args: object) -> None:  # type: ignore[type-arg]
    """Queue a notification task; a queue failure is logged, never undoes the change."""
    try:
        notify.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%r", notify.name, args)
