"""What a password login still has to do before the person may use Plein: type a code
(second step) or set up two-factor authentication (their role requires it). Worked out once,
when they log in, and kept in the session, so other requests cost no query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from ..sso.pages import SESSION_PROTOCOL
from . import services

SESSION_STATE = "plein_2fa"
SESSION_FAILURES = "plein_2fa_failures"
VERIFY = "verify"
SET_UP = "set_up"


def state_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Connected to user_logged_in: every login starts again."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(SESSION_FAILURES, None)
    if services.is_enabled(user):
        request.session[SESSION_STATE] = VERIFY
    elif services.required_for(user):
        request.session[SESSION_STATE] = SET_UP
    else:
        request.session.pop(SESSION_STATE, None)


user_logged_in.connect(state_at_login, dispatch_uid="plein.accounts.twofactor.state_at_login")


def pending(request: HttpRequest) -> str | None:
    """VERIFY, SET_UP or None (nothing left to do). A login through the identity provider
    (the session says which protocol) is never asked: the provider does MFA."""
    session = request.session
    if SESSION_PROTOCOL in session:
        return None
    state = session.get(SESSION_STATE)
    return state if state in (VERIFY, SET_UP) else None


def passed(request: HttpRequest) -> None:
    request.session.pop(SESSION_STATE, None)
    request.session.pop(SESSION_FAILURES, None)


def count_failure(request: HttpRequest) -> int:
    failures = int(request.session.get(SESSION_FAILURES, 0)) + 1
    request.session[SESSION_FAILURES] = failures
    return failures
