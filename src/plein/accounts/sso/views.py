"""Logging in and out through the identity provider, the refusal page and unlinking."""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest
from plein.people.permissions import can_manage_roles

from . import oidc, saml, services
from .identity import SignInRefused
from .models import ExternalIdentity
from .pages import SESSION_ID_TOKEN, SESSION_PROTOCOL, UNAVAILABLE, log_in, refused

logger = logging.getLogger(__name__)


@require_GET
def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    try:
        return oidc.LoginStartView.as_view()(request)
    except (requests.RequestException, ValueError, ImproperlyConfigured):
        logger.exception("OIDC: the provider's discovery document is unavailable")
        return refused(request, UNAVAILABLE)


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back: checks the state, exchanges the code for
    tokens (checked by oidc.Client), applies the identity rule and logs the person in."""
    if not oidc.enabled():
        raise Http404
    states = request.session.get("oidc_states") or {}
    entry = states.pop(request.GET.get("state", ""), None)
    if entry is not None:
        request.session["oidc_states"] = states  # used once: no replay
    if request.GET.get("error"):
        logger.info("OIDC: the provider answered %s", request.GET.get("error"))
        return refused(request, SignInRefused.CANCELLED)
    if entry is None or not request.GET.get("code"):
        logger.warning("OIDC: a callback without a known state or code")
        return refused(request, SignInRefused.INVALID)
    client = oidc.Client()
    try:
        person = client.authenticate(
            request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier")
        )
    except SignInRefused as refusal:
        logger.info("OIDC: login refused (%s)", refusal)
        return refused(request, refusal.reason)
    except (SuspiciousOperation, requests.RequestException, ValueError) as error:
        logger.warning("OIDC: login failed: %s", error)
        return refused(request, SignInRefused.INVALID)
    if person is None:
        return refused(request, SignInRefused.INVALID)
    next_url = request.session.pop("oidc_login_next", None)
    log_in(request, person, ExternalIdentity.Protocol.OIDC)
    request.session[SESSION_ID_TOKEN] = client.id_token
    return HttpResponseRedirect(next_url or reverse(settings.LOGIN_REDIRECT_URL))


def _saml(view):  # type: ignore[no-untyped-def]
    """A djangosaml2 view that exists only while SAML is set up."""

    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not saml.enabled():
            raise Http404
        try:
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]
        except (requests.RequestException, OSError):
            logger.exception("SAML: the identity provider's metadata is unavailable")
            return refused(request, UNAVAILABLE)

    return csrf_exempt(wrapped)


saml_start = _saml(saml.LoginStartView.as_view())
# The provider posts its answer here (the assertion consumer service): no CSRF token.
saml_acs = _saml(saml.AssertionConsumerView.as_view())
saml_metadata = _saml(saml.MetadataView.as_view())


class LogoutView(auth_views.LogoutView):
    """Ends the Plein session and, after an OpenID Connect login, the provider's as well."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        protocol = request.session.get(SESSION_PROTOCOL)
        id_token = request.session.get(SESSION_ID_TOKEN, "")
        response = super().post(request, *args, **kwargs)
        if protocol == ExternalIdentity.Protocol.OIDC and oidc.enabled():
            url = oidc.logout_url(
                id_token=id_token,
                post_logout_redirect_uri=request.build_absolute_uri(reverse("accounts:login")),
            )
            if url:
                return HttpResponseRedirect(url)
        return response


@login_required
@require_POST
def identity_unlink(request: AuthenticatedHttpRequest, pk: int, identity_pk: int) -> HttpResponse:
    require(can_manage_roles(request.user))
    identity = get_object_or_404(
        ExternalIdentity.objects.select_related("person"), pk=identity_pk, person_id=pk
    )
    services.identity_unlink(identity=identity, actor=request.user)
    messages.success(
        request,
        _("%(name)s is no longer linked to %(provider)s.")
        % {"name": identity.person.full_name, "provider": identity.issuer},
    )
    return redirect("manage:person", pk=pk)
