"""What both protocols share once the provider has answered: logging the person in, and the
page that says why they were not."""

from __future__ import annotations

from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plein.people.models import Person

from .identity import REFUSAL_MESSAGES, SignInRefused

# What the session remembers of an SSO login, for logging out at the provider.
SESSION_PROTOCOL = "plein_sso_protocol"
SESSION_ID_TOKEN = "plein_oidc_id_token"  # noqa: S105 - a session key, not a secret
# The session is an ordinary one: Django's ModelBackend loads the person on every request (and
# refuses a deactivated one), whichever way they logged in.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
UNAVAILABLE = "unavailable"


def log_in(request: HttpRequest, person: Person, protocol: str) -> None:
    auth.login(request, person, backend=MODEL_BACKEND)
    request.session[SESSION_PROTOCOL] = protocol


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    """The page that says why a login through the identity provider did not get in."""
    if reason == SignInRefused.NOT_OPEN_YET:
        return redirect("launch:coming_soon")
    if reason == UNAVAILABLE:
        message = _(
            "Your organisation's login service cannot be reached right now. Try again later."
        )
        status = 503
    else:
        message = str(REFUSAL_MESSAGES[reason])
        status = 403
    return render(request, "accounts/sso/refused.html", {"message": message}, status=status)
