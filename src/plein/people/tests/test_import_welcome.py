"""The welcome e-mail that an HR import sends new people (send_welcome), and what follows
people once an import is committed."""

import pytest
from django.core import mail
from django.core.management import call_command

from plein.core.registries.people import PEOPLE_CHANGED, PeopleChangedHook
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory

from .test_import import EXAMPLE, HEADER, csv_text, run

pytestmark = pytest.mark.django_db


# --- The welcome e-mail --------------------------------------------------------------------


def test_send_welcome_mails_each_new_active_person_once_after_commit(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    PersonFactory(employee_number="1", email="old@example.org")
    text = csv_text(
        [
            ["1", "old@example.org", "Oud", "Gediende", ""],
            ["2", "new@example.org", "Nieuw", "Collega", ""],
            ["3", "gone@example.org", "Al", "Weg", "nee"],
        ],
        header=[*HEADER, "active"],
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = run(text, send_welcome=True, site_url="https://intranet.example.org")
    assert result.welcomed == 1
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert "https://intranet.example.org/account/password/reset/" in mail.outbox[0].body
    # Importing again creates nobody, so nobody is welcomed twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert run(text, send_welcome=True, site_url="https://x.example.org").welcomed == 0
    assert len(mail.outbox) == 1


def test_a_dry_run_counts_the_welcome_emails_but_sends_none(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        result = run(
            csv_text([["7", "seven@example.org", "Zeven", "Zee"]]),
            dry_run=True,
            send_welcome=True,
            site_url="https://intranet.example.org",
        )
    assert (result.created, result.welcomed) == (1, 1)
    assert mail.outbox == []
    with pytest.raises(ValueError):
        run(csv_text([["8", "eight@example.org", "Acht", "Zee"]]), send_welcome=True)


def test_command_send_welcome(capsys, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.PLEIN_SITE_URL = "https://plein.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import-people", str(EXAMPLE), "--send-welcome")
    out = capsys.readouterr().out
    active_new = Person.objects.filter(is_active=True).count()
    assert f"Welcome e-mails: {active_new}" in out
    assert len(mail.outbox) == active_new
    assert all("https://plein.example.org/" in message.body for message in mail.outbox)


# --- What follows people -------------------------------------------------------------------


def test_what_follows_people_catches_up_once_the_import_is_committed(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    calls: list[object] = []
    hook = PeopleChangedHook(key="test.record", order=0, run=lambda *, people: calls.append(people))
    with PEOPLE_CHANGED.registered(hook):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run(csv_text([["1", "een@example.org", "Een", "Persoon"]]))
        assert calls == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert calls == [None]  # everyone may have changed
        with django_capture_on_commit_callbacks(execute=True):
            run(csv_text([["2", "twee@example.org", "Twee", "Persoon"]]), dry_run=True)
        assert calls == [None]  # a dry run changes nobody
