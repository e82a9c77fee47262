"""The scheduled job of access tokens (registered in AccountsConfig.ready()):

- "token-expiry-warnings" (`EXPIRY_WARNINGS`): every morning, e-mails the owners of tokens that
  expire within a week (services.tokens_warn_expiring).

`plein schedule` queues it, or cron runs `plein schedule --run token-expiry-warnings`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks import task

from plein.core.registries.schedule import Job

from . import services

WARN_HOUR = 9


@task()
def tokens_expiry_warn() -> int:
    return services.tokens_warn_expiring()


def next_warning_run(now: datetime) -> datetime:
    """The next WARN_HOUR:00 (local time) after `now`."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    run = local.replace(hour=WARN_HOUR, minute=0, second=0, microsecond=0)
    return run if run > local else run + timedelta(days=1)


EXPIRY_WARNINGS = Job(
    key="token-expiry-warnings",
    order=90,
    task=tokens_expiry_warn,
    next_run=next_warning_run,
    cron=lambda: f"0 {WARN_HOUR} * * *",
    label="Tell the owners of access tokens that expire within a week",
)
