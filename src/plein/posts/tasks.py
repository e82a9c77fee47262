"""Background work for posts."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def fetch_link_preview(post_id: int) -> None:
    from .link_preview import link_preview_store

    link_preview_store(post_id)


def link_preview_enqueue(post_id: int) -> None:
    try:
        fetch_link_preview.enqueue(post_id)
    except Exception:
        logger.exception("Could not queue the link preview of post %s", post_id)
