"""Background work, run by a task worker (`plein db_worker`); tests run tasks at once.

Tasks get JSON-friendly arguments and do the slow part only: whatever needs the request, the
database or the recipient's language is done before enqueueing.
"""

import logging
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    from_email: str | None = None,
) -> None:
    """Send one e-mail that has already been written; `from_email` defaults to
    DEFAULT_FROM_EMAIL. A failure is logged and re-raised, so the task is marked failed."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the e-mail %r to %s", subject, ", ".join(to))
        raise


def email_enqueue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    from_email: str | None = None,
) -> TaskResult[None] | None:
    """Have an e-mail sent in the background; returns the task's result, None if it could not
    be queued (that is logged, not raised: nothing the caller did is undone).

    Render the e-mail, in the recipient's language, before calling this: the task only sends.
    An e-mail about a change to the database is enqueued from `transaction.on_commit`, so
    nothing is sent for a change that is rolled back. Line breaks in the subject become spaces.
    """
    try:
        return send_email.enqueue(
            to=list(to),
            subject=" ".join(subject.split()),
            body=body,
            html_body=html_body,
            from_email=from_email,
        )
    except Exception:
        logger.exception("Could not queue the e-mail %r to %s", subject, ", ".join(to))
        return None


def _waiting(scheduled: Task) -> QuerySet[DBTaskResult]:  # type: ignore[type-arg]
    return DBTaskResult.objects.filter(
        task_path=scheduled.module_path, status=TaskResultStatus.READY
    )


def is_waiting(scheduled: Task) -> bool:  # type: ignore[type-arg]
    """Is this task already waiting in the database queue (queued, not yet run)?"""
    return _waiting(scheduled).exists()


def waiting_until(scheduled: Task) -> datetime | None:  # type: ignore[type-arg]
    """When this task's first waiting run is due, or None when none waits."""
    return _waiting(scheduled).order_by("run_after").values_list("run_after", flat=True).first()


def enqueue_later_once(scheduled: Task, *, run_after: datetime) -> datetime | None:  # type: ignore[type-arg]
    """Queue a task to run at `run_after`, unless one waits already.

    Used by the schedule (plein.core.schedule) and for one-off runs such as a planned go-live.
    Returns when it will run, or None when nothing was queued (one waits, or the backend cannot
    run tasks later, as the immediate backend of the tests)."""
    if not scheduled.get_backend().supports_defer:
        logger.warning(
            "The task backend cannot run tasks later: %s is not scheduled.", scheduled.name
        )
        return None
    if is_waiting(scheduled):
        return None
    queued = scheduled.using(run_after=run_after).enqueue()
    # Two processes (two `plein schedule`s, a worker finishing a run) may both have found none
    # waiting and both queued one. Each then keeps only the first queued, in the same order, so
    # one run waits, however their steps interleave (outside a transaction, as those callers
    # are: each sees what the other committed); the other learns it queued nothing.
    first = _waiting(scheduled).order_by("enqueued_at", "id").values_list("id", flat=True).first()
    if first is None:  # it was due at once, and a worker has taken it already
        return run_after
    _waiting(scheduled).exclude(id=first).delete()
    return run_after if str(first) == str(queued.id) else None


def withdraw_waiting(scheduled: Task) -> int:  # type: ignore[type-arg]
    """Take this task's waiting runs out of the database queue (a one-off schedule that moved or
    was cancelled); a run that has started already is left alone. Returns how many."""
    deleted, _by_model = _waiting(scheduled).delete()
    return deleted
