"""Once, the invitations go through a real SMTP server on loopback (aiosmtpd), not the test
outbox: the messages must survive Django's SMTP backend and a mail server's parser."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from plein.launch import services
from plein.launch.models import Invitation, LaunchPlan
from plein.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__(message_class=EmailMessage)
        self.messages: list[EmailMessage] = []

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_inbox(settings) -> Iterator[_Inbox]:  # type: ignore[no-untyped-def]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def test_go_live_invitations_reach_a_real_smtp_server(
    smtp_inbox, community_manager, django_capture_on_commit_callbacks
) -> None:
    anne = PersonFactory(email="anne@example.org", first_name="Anne", language="nl")
    bob = PersonFactory(email="bob@example.org", first_name="Bob", language="en")
    services.launch_phase_set(by=community_manager, phase=LaunchPlan.Phase.PREPARATION)

    with django_capture_on_commit_callbacks(execute=True):
        services.launch_go_live(
            by=community_manager,
            announcement_title="Open!",
            announcement_lead="Vandaag.",
            announcement_body="Welkom.",
        )

    received = {str(m["To"]): m for m in smtp_inbox.messages}
    assert set(received) == {anne.email, bob.email, community_manager.email}
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3
    parsed = message_from_bytes(received[anne.email].as_bytes(), policy=policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    html = parsed.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert "Hallo Anne" in text and "/account/login/" in text
    assert "<html" in html
    english = message_from_bytes(received[bob.email].as_bytes(), policy=policy.default)
    assert "Hello Bob" in english.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
