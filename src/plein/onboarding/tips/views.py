"""The tip on the start page ("Got it") and the community manager's tips library."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from ..models import Tip
from ..permissions import can_manage_tips
from . import selectors, services
from .forms import TipForm
from .texts import tip_language


def _next_tip_message(next_on: date, today: date) -> str:
    if next_on == today + timedelta(days=1):
        return _("Got it. Your next tip comes tomorrow.")
    return _("Got it. Your next tip comes on %(day)s.") % {"day": formats.date_format(next_on, "l")}


@login_required
@require_POST
def tip_dismiss(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Put today's tip away (htmx swaps in a short note; without JavaScript, back home)."""
    next_on = services.tip_dismiss(person=request.user)
    message = _next_tip_message(next_on, timezone.localdate())
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "onboarding/tip_done.html", {"message": message})
    messages.success(request, message)
    return redirect("core:home")


def _title(tip: Tip) -> str:
    return tip.title_nl if tip_language() == "nl" else tip.title_en


def _list_url(tip: Tip) -> str:
    return f"{reverse('onboarding:tips')}#tip-{tip.pk}"


@login_required
def tip_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every tip in order, with a form to add one."""
    require(can_manage_tips(request.user))
    form = TipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tip = services.tip_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The tip has been added at the end of the series."))
            return redirect(_list_url(tip))
    return form_page(
        request, "onboarding/tips.html", {"form": form, "rows": selectors.tips_for_management()}
    )


@login_required
def tip_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_tips(request.user))
    tip = get_object_or_404(Tip, pk=pk)
    form = TipForm(request.POST or None, instance=tip)
    if request.method == "POST" and form.is_valid():
        try:
            services.tip_update(by=request.user, tip=tip, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The tip has been saved."))
            return redirect(_list_url(tip))
    return form_page(request, "onboarding/tip_form.html", {"form": form, "tip": tip})


@login_required
@require_POST
def tip_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_tips(request.user))
    tip = get_object_or_404(Tip, pk=pk)
    direction: Literal["up", "down"] = "up" if request.POST.get("direction") == "up" else "down"
    services.tip_move(by=request.user, tip=tip, direction=direction)
    return redirect(_list_url(tip))


@login_required
@require_POST
def tip_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_tips(request.user))
    tip = get_object_or_404(Tip, pk=pk)
    active = request.POST.get("active") == "1"
    services.tip_set_active(by=request.user, tip=tip, is_active=active)
    if active:
        messages.success(request, _("“%(title)s” is shown again.") % {"title": _title(tip)})
    else:
        messages.success(request, _("“%(title)s” is no longer shown.") % {"title": _title(tip)})
    return redirect(_list_url(tip))


@login_required
def tip_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete (POST)."""
    require(can_manage_tips(request.user))
    tip = get_object_or_404(Tip, pk=pk)
    if request.method != "POST":
        return render(request, "onboarding/tip_delete.html", {"tip": tip, "title": _title(tip)})
    services.tip_delete(by=request.user, tip=tip)
    messages.success(request, _("The tip has been deleted."))
    return redirect("onboarding:tips")
