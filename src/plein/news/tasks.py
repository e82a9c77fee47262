"""Telling people about a must-read item when it appears (now, or at its planned moment)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def must_read_announce(post_id: int) -> int:
    return services.news_announce_must_read(post_id=post_id)
