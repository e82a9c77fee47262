"""The pages of two-factor authentication: the overview and set-up under Settings, the second
step of a password login, turning it off and an administrator's reset."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.redirects import redirect_next, safe_next_url
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.people.permissions import can_manage_roles

from ..lockout import lockout_response
from . import gate, services
from .forms import CodeForm, SetupCodeForm

MAX_FAILURES = 5
SESSION_KEY = "plein_2fa_new_key"


def _overview(request: AuthenticatedHttpRequest, disable_form: CodeForm) -> HttpResponse:
    person = request.user
    disable_form.fields["code"].widget.attrs.pop("autofocus", None)
    return render(
        request,
        "accounts/twofactor/overview.html",
        {
            "enabled": services.is_enabled(person),
            "required": services.required_for(person),
            "codes_left": services.recovery_codes_left(person),
            "disable_form": disable_form,
        },
        status=400 if disable_form.errors else 200,
    )


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _overview(request, CodeForm())


def _secret(device: TOTPDevice) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _qr_svg(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG and escapes the title


@login_required
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), confirm with a code, see the recovery codes. The new
    key waits in the session (server-side) until it is confirmed."""
    person = request.user
    key = request.session.get(SESSION_KEY) if request.method == "POST" else None
    form = SetupCodeForm(request.POST or None)
    if key and form.is_valid():
        try:
            codes = services.twofactor_confirm(
                person=person, key=key, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            del request.session[SESSION_KEY]
            otp_login(request, TOTPDevice.objects.get(user=person, confirmed=True))
            gate.passed(request)
            return render(
                request,
                "accounts/twofactor/recovery_codes.html",
                {"codes": codes, "next": safe_next_url(request, reverse("accounts:twofactor"))},
            )
    if not key:
        key = request.session[SESSION_KEY] = services.new_key()
    device = services.unsaved_device(person=person, key=key)
    return form_page(
        request,
        "accounts/twofactor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _secret(device),
            "required": services.required_for(person) and not services.is_enabled(person),
            "next": safe_next_url(request, ""),
        },
    )


@login_required
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step of a password login: a code from the app or a recovery code. Wrong codes
    count towards the login lockout (django-axes); after MAX_FAILURES the person is logged out."""
    if gate.pending(request) != gate.VERIFY:
        return redirect_next(request, reverse("core:home"))
    if not services.is_enabled(request.user):
        # Reset by an administrator meanwhile: set it up again if required, else go on.
        gate.state_at_login(sender=None, request=request, user=request.user)
        return redirect_next(request, reverse("core:home"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.twofactor_verify(person=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            gate.passed(request)
            if device.name == services.RECOVERY_NAME:
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s are left. Make new ones under Settings.")
                    % {"count": services.recovery_codes_left(request.user)},
                )
            return redirect_next(request, reverse("core:home"))
        return _wrong_code(request, form)
    return form_page(
        request,
        "accounts/twofactor/verify.html",
        {"form": form, "next": safe_next_url(request, "")},
    )


def _wrong_code(request: AuthenticatedHttpRequest, form: CodeForm) -> HttpResponse:
    person = request.user
    user_login_failed.send(sender=__name__, credentials={"username": person.email}, request=request)
    failures = gate.count_failure(request)
    if failures >= MAX_FAILURES or getattr(request, "axes_locked_out", False):
        auth.logout(request)
        request.axes_locked_out = False  # type: ignore[attr-defined]  # answered here
        return lockout_response(request)
    form.add_error(
        "code",
        _(
            "That code is not right. Wait a moment, then type the newest code in your app "
            "or one of your recovery codes."
        ),
    )
    return form_page(
        request,
        "accounts/twofactor/verify.html",
        {"form": form, "next": safe_next_url(request, ""), "tries_left": MAX_FAILURES - failures},
    )


@login_required
@require_POST
def disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turning it off takes a current code (or a recovery code), like turning it on."""
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            services.twofactor_disable(person=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("accounts:twofactor")
    return _overview(request, form)


@login_required
@require_POST
def recovery_codes_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not services.is_enabled(request.user):
        return redirect("accounts:twofactor")
    codes = services.recovery_codes_replace(person=request.user)
    return render(
        request,
        "accounts/twofactor/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:twofactor")},
    )


@login_required
@require_POST
def manage_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Management, a person's page: remove their two-factor authentication (a lost phone)."""
    if not can_manage_roles(request.user):
        raise PermissionDenied
    person = get_object_or_404(Person, pk=pk)
    services.twofactor_reset(person=person, actor=request.user)
    messages.success(
        request,
        _("Two-factor authentication of %(name)s has been reset.") % {"name": person.full_name},
    )
    return redirect("manage:person", pk=person.pk)
