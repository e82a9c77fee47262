"""Background work, run by a task worker (`plein db_worker`); tests run tasks at once.

Tasks get JSON-friendly arguments and do the slow part only: whatever needs the request, the
database or the recipient's language is done before enqueueing.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import TaskResult, task

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
