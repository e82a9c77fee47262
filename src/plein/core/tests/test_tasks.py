import logging
import signal
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult

from plein.core.tasks import email_enqueue
from plein.people import services
from plein.people.tests.factories import PersonFactory

SEND_EMAIL = "plein.core.tasks.send_email"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise SMTPException("The mail server is down")


@pytest.fixture
def enqueued():
    """The names of the tasks enqueued during the test."""
    names: list[str] = []

    def record(sender, task_result, **kwargs):  # type: ignore[no-untyped-def]
        names.append(task_result.task.module_path)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def test_an_enqueued_email_is_sent_once_as_written(settings):
    result = email_enqueue(
        to=["anne@example.org"],
        subject="Welcome\nto Plein\n",
        body="Hello Anne,\n\nWelcome.",
        html_body="<p>Hello Anne,</p>",
    )

    assert result is not None
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@example.org"]
    assert message.subject == "Welcome to Plein"
    assert message.body == "Hello Anne,\n\nWelcome."
    assert message.alternatives == [("<p>Hello Anne,</p>", "text/html")]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_failure_to_send_is_logged_and_fails_the_task(settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenEmailBackend"
    with caplog.at_level(logging.ERROR, logger="plein.core.tasks"):
        result = email_enqueue(to=["anne@example.org"], subject="Hello", body="Hi")

    assert result is not None
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is SMTPException
    assert "Could not send the e-mail 'Hello' to anne@example.org" in caplog.text
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_password_reset_email_goes_through_the_task_in_the_persons_language(client, enqueued):
    PersonFactory(email="anne@example.org", language="nl")
    # Anne asks in English, but chose Dutch: the e-mail is written in Dutch.
    client.post(
        reverse("accounts:password_reset"),
        {"email": "anne@example.org"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert enqueued == [SEND_EMAIL]
    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    assert mail.outbox[0].subject.startswith("Nieuw wachtwoord instellen voor ")


@pytest.mark.django_db
def test_no_email_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, enqueued):
    person = PersonFactory(email="anne@example.org")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.person_send_welcome(person=person, site_url="https://plein.example.org")
        raise RuntimeError("something later in the same change failed")

    assert callbacks == []
    assert enqueued == []
    assert mail.outbox == []

    # Committed, the same welcome is sent.
    with django_capture_on_commit_callbacks(execute=True):
        services.person_send_welcome(person=person, site_url="https://plein.example.org")
    assert enqueued == [SEND_EMAIL]
    assert [message.to for message in mail.outbox] == [["anne@example.org"]]


@pytest.fixture
def signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_stores_the_task_until_the_worker_sends_it(settings, signal_handlers):
    settings.TASKS = DATABASE_TASKS

    result = email_enqueue(to=["anne@example.org"], subject="Hello", body="Hi Anne")

    assert result is not None
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY
    assert stored.task_path == SEND_EMAIL
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    stored.refresh_from_db()
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["anne@example.org"], "Hello")
    ]
