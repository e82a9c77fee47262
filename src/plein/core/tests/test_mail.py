"""core.mail: an e-mail written in the recipient's language, queued now or after the commit."""

from dataclasses import dataclass

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import get_language

from plein.core.mail import Email, in_language_of, language_of, render_email, render_subject

TEMPLATES = {
    "mail/hello_subject.txt": "Hello\n{{ name }}\n",
    "mail/hello.txt": "Hello {{ name }} ({{ language }}).",
    "mail/hello.html": "<p>Hello {{ name }}.</p>",
}


@dataclass
class Someone:
    language: str
    email: str = "anne@example.org"


@pytest.fixture(autouse=True)
def templates(settings):  # type: ignore[no-untyped-def]
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
        }
    ]


def test_the_language_is_the_persons_or_else_the_default(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "nl"
    assert language_of(Someone("en")) == "en"
    assert language_of(Someone("")) == "nl"
    assert language_of(Someone(""), otherwise="en") == "en"
    with in_language_of(Someone("nl")):
        assert get_language() == "nl"
    with in_language_of(Someone(""), otherwise="en"):
        assert get_language() == "en"


def test_render_email_writes_text_and_html_in_the_language_it_is_called_in() -> None:
    with in_language_of(Someone("nl")):
        context = {"name": "Anne", "language": get_language()}
        email = render_email(
            subject=render_subject("mail/hello_subject.txt", context),
            text="mail/hello.txt",
            html="mail/hello.html",
            context=context,
        )
    assert email == Email(
        subject="Hello Anne", body="Hello Anne (nl).", html_body="<p>Hello Anne.</p>"
    )
    assert render_email(subject="Hi", text="mail/hello.txt", context=context).html_body is None


def test_enqueue_sends_now_as_written(settings) -> None:  # type: ignore[no-untyped-def]
    Email("Hi", "Body", "<p>Body</p>").enqueue(to=["anne@example.org"], from_email="a@b.example")
    [message] = mail.outbox
    assert (message.subject, message.body, message.to) == ("Hi", "Body", ["anne@example.org"])
    assert message.alternatives == [("<p>Body</p>", "text/html")]
    assert message.from_email == "a@b.example"


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_commit_and_skips_a_rollback() -> None:
    with transaction.atomic():
        Email("Kept", "Body").enqueue_on_commit(to=["anne@example.org"])
        assert mail.outbox == []
    assert [message.subject for message in mail.outbox] == ["Kept"]
    with pytest.raises(RuntimeError), transaction.atomic():
        Email("Dropped", "Body").enqueue_on_commit(to=["anne@example.org"])
        raise RuntimeError
    assert [message.subject for message in mail.outbox] == ["Kept"]


def test_message_is_djangos_message_for_sending_at_once(settings) -> None:  # type: ignore[no-untyped-def]
    message = Email("Hi", "Body", "<p>Body</p>").message(to=["anne@example.org"])
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.alternatives == [("<p>Body</p>", "text/html")]
    assert Email("Hi", "Body").message(to=["anne@example.org"]).alternatives == []
