"""Background work, run by a task worker (`plein db_worker`); tests run tasks at once.

Tasks get JSON-friendly arguments and do the slow part only: whatever needs the request, the
database or the recipient's language is done before enqueueing.
"""

import logging
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django_tasks import TaskResult, task
from django_tasks.base import Task

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


def is_waiting(scheduled: Task) -> bool:  # type: ignore[type-arg]
    """Is this task already waiting in the database queue (queued, not yet run)?"""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=scheduled.module_path, status=TaskResultStatus.READY
    ).exists()


def enqueue_later_once(scheduled: Task, *, run_after: datetime) -> datetime | None:  # type: ignore[type-arg]
    """Queue a self-repeating schedule task to run at `run_after`, unless one waits already.

    django-tasks has no periodic scheduler: digests, event reminders and document reviews each
    run a task that does its work and then queues itself again through here. Returns when it
    will run, or None when nothing was queued (one waits, or the backend cannot run tasks later,
    as the immediate backend of the tests)."""
    if not scheduled.get_backend().supports_defer:
        logger.warning(
            "The task backend cannot run tasks later: %s is not scheduled.", scheduled.name
        )
        return None
    if is_waiting(scheduled):
        return None
    scheduled.using(run_after=run_after).enqueue()
    return run_after


def withdraw_waiting(scheduled: Task) -> int:  # type: ignore[type-arg]
    """Take this task's waiting runs out of the database queue (a one-off schedule that moved or
    was cancelled); a run that has started already is left alone. Returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deleted, _by_model = DBTaskResult.objects.filter(
        task_path=scheduled.module_path, status=TaskResultStatus.READY
    ).delete()
    return deleted
