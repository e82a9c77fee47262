"""The pages for access tokens: a person's own tokens in their settings, and every token (and
making application tokens) in Management. A new token is shown once, on the page that answers
the form; it is never stored, so it cannot be shown again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from plein.accounts.views import page_url
from plein.core.http import form_page
from plein.core.paths import absolute_url
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from . import services
from .forms import ApplicationTokenForm, PersonalTokenForm, TokenFilterForm, add_token_error
from .models import AccessToken
from .permissions import can_have_personal_tokens, can_manage_application_tokens, can_revoke_token
from .selectors import own_personal_tokens, tokens_for_management

TOKENS_PER_PAGE = 50
# The addresses other systems are given; the API and SCIM apps serve them.
API_PATH = "/api/v1/"
SCIM_PATH = "/scim/v2/"


def _shown_once(
    request: AuthenticatedHttpRequest, made: services.NewToken, back: str
) -> HttpResponse:
    """The page with the new token itself: kept out of every cache and the browser's history."""
    response = render(request, "accounts/tokens/created.html", {"made": made, "back": back})
    add_never_cache_headers(response)
    return response


@login_required
def personal_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person's own tokens and the form to make one."""
    require(can_have_personal_tokens(request.user))
    form = PersonalTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=services.expires_after(form.cleaned_data["expires_in"]),
            )
        except ValidationError as error:
            add_token_error(form, error)
        else:
            return _shown_once(request, made, reverse("accounts:tokens"))
    tokens = own_personal_tokens(request.user)
    return form_page(request, "accounts/tokens/personal.html", {"form": form, "tokens": tokens})


def _revoke(request: AuthenticatedHttpRequest, pk: int, back: str) -> HttpResponse:
    """Ask first (GET), revoke on POST: the owner their own token, administrators any."""
    token = get_object_or_404(AccessToken.objects.select_related("person"), pk=pk)
    require(can_revoke_token(request.user, token))
    if request.method == "POST":
        services.token_revoke(actor=request.user, token=token)
        messages.success(
            request,
            _("The token “%(name)s” has been revoked: it no longer works.") % {"name": token.name},
        )
        return redirect(back)
    return render(request, "accounts/tokens/revoke.html", {"token": token, "back": back})


@login_required
def personal_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _revoke(request, pk, reverse("accounts:tokens"))


@login_required
def manage_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_application_tokens(request.user))
    return _revoke(request, pk, reverse("manage:tokens"))


@login_required
def manage_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every token, application and personal, by kind and status; and where to connect."""
    require(can_manage_application_tokens(request.user))
    filters = TokenFilterForm(request.GET)
    tokens = tokens_for_management(request.user, **filters.values())
    page = Paginator(tokens, TOKENS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/tokens/manage.html",
        {
            "filters": filters,
            "page": page,
            "previous_url": page_url(request, page.number - 1) if page.has_previous() else None,
            "next_url": page_url(request, page.number + 1) if page.has_next() else None,
            "api_url": absolute_url(API_PATH),
            "scim_url": absolute_url(SCIM_PATH),
        },
    )


@login_required
def manage_token_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make an application token: it acts as the person chosen, or only provisions."""
    require(can_manage_application_tokens(request.user))
    form = ApplicationTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.token_create(
                actor=request.user,
                kind=AccessToken.Kind.APPLICATION,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                person=form.cleaned_data["person"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            add_token_error(form, error)
        else:
            return _shown_once(request, made, reverse("manage:tokens"))
    return form_page(request, "accounts/tokens/manage_new.html", {"form": form})
