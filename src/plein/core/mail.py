"""E-mail to a person: written in their language now, sent in the background.

The one way an app e-mails someone:

    with in_language_of(person):
        context = {...}  # whatever is translated goes in here: headlines, dates, labels
        email = render_email(
            subject=_("Time to review: %(title)s") % {"title": document.title},
            text="documents/email/review.txt",
            html="documents/email/review.html",
            context=context,
        )
    email.enqueue_on_commit(to=[person.email])

The subject is a translated string, or a template rendered with render_subject(). An e-mail
about a change to the database is queued with enqueue_on_commit(), so nothing is sent for a
change that is rolled back; code that already runs after the commit (or outside any change)
uses enqueue(); code that must hand the e-mail to the mail server itself (and know whether
that worked) sends message().
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import TaskResult

from .tasks import email_enqueue


class Recipient(Protocol):
    """Someone with a language of their own (blank until they choose one)."""

    @property
    def language(self) -> str: ...


def language_of(person: Recipient, *, otherwise: str | None = None) -> str:
    """The person's language; until they choose one `otherwise`, by default the intranet's
    default language (LANGUAGE_CODE)."""
    return person.language or otherwise or settings.LANGUAGE_CODE


def in_language_of(person: Recipient, *, otherwise: str | None = None) -> translation.override:
    """`with in_language_of(person):` translates into language_of(person, otherwise=...): for
    e-mail, and for anything else written for one person outside their request (their calendar
    feed)."""
    return translation.override(language_of(person, otherwise=otherwise))


def render_subject(template: str, context: Mapping[str, Any]) -> str:
    """A subject written as a template, on one line (a template's line breaks become spaces)."""
    return " ".join(render_to_string(template, context).split())


@dataclass(frozen=True)
class Email:
    """An e-mail that has been written, not yet sent: render_email() makes one."""

    subject: str
    body: str
    html_body: str | None = None

    def enqueue(self, *, to: list[str], from_email: str | None = None) -> TaskResult[None] | None:
        """Have it sent in the background now (core.tasks.email_enqueue); `from_email`
        defaults to DEFAULT_FROM_EMAIL."""
        return email_enqueue(
            to=to,
            subject=self.subject,
            body=self.body,
            html_body=self.html_body,
            from_email=from_email,
        )

    def enqueue_on_commit(self, *, to: list[str]) -> None:
        """Have it sent in the background once the current transaction commits (at once
        outside a transaction); nothing is sent if it is rolled back."""
        transaction.on_commit(partial(self.enqueue, to=list(to)))

    def message(self, *, to: list[str]) -> EmailMultiAlternatives:
        """The e-mail as Django's message, from DEFAULT_FROM_EMAIL, for code that sends it
        itself (message.send())."""
        message = EmailMultiAlternatives(self.subject, self.body, None, to)
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        return message


def render_email(
    *, subject: str, text: str, context: Mapping[str, Any], html: str | None = None
) -> Email:
    """Write an e-mail: the `text` template is its body, the `html` template (if any) its HTML
    version, both rendered with `context`. Call it inside in_language_of(recipient)."""
    return Email(
        subject=subject,
        body=render_to_string(text, context),
        html_body=render_to_string(html, context) if html else None,
    )
