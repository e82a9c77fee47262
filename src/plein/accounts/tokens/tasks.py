"""The scheduled job of access tokens (registered in AccountsConfig.ready()):

- "token-expiry-warnings" (`EXPIRY_WARNINGS`): every morning, e-mails the owners of tokens that
  expire within a week (services.tokens_warn_expiring).

`plein schedule` queues it, or cron runs `plein schedule --run token-expiry-warnings`.
"""

from __future__ import annotations

from django_tasks import task

from plein.core.registries.schedule import Job, daily_at

from . import services

WARN_HOUR = 9


@task()
def tokens_expiry_warn() -> int:
    return services.tokens_warn_expiring()


EXPIRY_WARNINGS = Job(
    key="token-expiry-warnings",
    order=90,
    task=tokens_expiry_warn,
    next_run=daily_at(WARN_HOUR),
    cron=lambda: f"0 {WARN_HOUR} * * *",
    label="Tell the owners of access tokens that expire within a week",
)
