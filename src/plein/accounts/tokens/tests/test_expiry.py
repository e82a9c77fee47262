"""A token's owner hears once, a week ahead, that it expires; short-lived, revoked and already
expired tokens stay quiet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plein.accounts.tokens import services, tasks
from plein.accounts.tokens.models import AccessToken, Scope
from plein.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _made(person, name, *, left, age, **kwargs):  # type: ignore[no-untyped-def]
    """A token with `left` days to live, made `age` days ago, with other stored fields changed."""
    now = timezone.now()
    token = services.token_create(
        actor=person, name=name, scopes=[Scope.READ], expires_at=now + timedelta(days=left)
    ).token
    AccessToken.objects.filter(pk=token.pk).update(created_at=now - timedelta(days=age), **kwargs)
    return token


def test_owners_hear_once_a_week_before_their_tokens_expire(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    now = timezone.now()
    owner, gone = PersonFactory(), PersonFactory()
    admin = PersonFactory(roles=["administrator"])
    soon = _made(owner, "Rapport", left=6, age=24)
    _made(owner, "Later", left=8, age=22)
    _made(owner, "Kort", left=6, age=1)  # a 7-day token: its maker knows
    _made(owner, "Ingetrokken", left=6, age=24, revoked_at=now)
    _made(owner, "Verlopen", left=6, age=40, expires_at=now)
    _made(gone, "Weg", left=6, age=24)
    gone.is_active = False
    gone.save()
    application = services.token_create(
        actor=admin,
        kind="application",
        name="Koppeling",
        scopes=[Scope.SCIM],
        expires_at=now + timedelta(days=3),
    ).token
    AccessToken.objects.filter(pk=application.pk).update(created_at=now - timedelta(days=90))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.tokens_expiry_warn.call() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.tokens_warn_expiring() == 0  # once only

    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {owner.email, admin.email}
    assert "Rapport" in told[owner.email].subject and "/account/tokens/" in told[owner.email].body
    assert "/manage/tokens/" in told[admin.email].body
    assert set(AccessToken.objects.filter(expiry_warned_at__isnull=False)) == {soon, application}


def test_the_warnings_run_every_morning() -> None:
    now = timezone.now()
    run = tasks.EXPIRY_WARNINGS.next_run(now)
    assert now < run <= now + timedelta(days=1)
    assert timezone.localtime(run).hour == tasks.WARN_HOUR
