"""The first-steps checklist page and the small actions on it, on the start page and the tour.

Every action is a POST that works as a plain form (redirect back) and through htmx, which gets
the part of the page to swap: the start page's widget (target `first-steps`) or the checklist
(target `checklist`).
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.redirects import redirect_next
from plein.core.registries import firststeps
from plein.people.http import AuthenticatedHttpRequest

from . import selectors, services

WIDGET_TARGET = "first-steps"


def _home_qr(url: str) -> str:
    """The start page's address as an inline SVG QR code, to open it on a phone."""
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=False)
    return mark_safe(svg)  # noqa: S308  # segno writes the SVG; the URL is encoded in paths


def _checklist_context(request: AuthenticatedHttpRequest) -> dict[str, object]:
    home = reverse("core:home")
    home_url = request.build_absolute_uri(home)
    return {
        "checklist": selectors.request_checklist(request),
        "home_url": home_url,
        "home_qr": _home_qr(home_url),
        "tour_url": f"{home}?tour=1",
    }


@login_required
def checklist(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "onboarding/checklist.html", _checklist_context(request))


def _respond(request: AuthenticatedHttpRequest, message: str) -> HttpResponse:
    """After an action: the swapped part for htmx, else back where the form was (with a
    message)."""
    if request.htmx:  # type: ignore[attr-defined]
        target = request.htmx.target  # type: ignore[attr-defined]
        if target == WIDGET_TARGET:
            return render(
                request,
                "onboarding/widgets/first_steps.html",
                {"first_steps": selectors.request_checklist(request)},
            )
        return render(
            request,
            "onboarding/partials/checklist.html",
            {**_checklist_context(request)},
        )
    messages.success(request, message)
    return redirect_next(request, reverse("onboarding:checklist"))


@login_required
@require_POST
def confirm_step(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    step = firststeps.get(key)
    if step is None or not step.confirmable:
        raise Http404
    services.step_confirm(person=request.user, key=key)
    return _respond(request, _("Well done: “%(step)s” is ticked off.") % {"step": step.label})


@login_required
@require_POST
def dismiss(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.checklist_dismiss(person=request.user)
    if request.htmx and request.htmx.target == WIDGET_TARGET:  # type: ignore[attr-defined]
        return render(request, "onboarding/widgets/first_steps_hidden.html")
    return _respond(request, _("The list of first steps is no longer shown on your start page."))


@login_required
@require_POST
def restore(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.checklist_restore(person=request.user)
    return _respond(request, _("The list of first steps is shown on your start page again."))


@login_required
@require_POST
def tour_done(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.tour_finish(person=request.user)
    if request.htmx or request.headers.get("X-Requested-With") == "fetch":  # type: ignore[attr-defined]
        return HttpResponse(status=204)
    return redirect("core:home")
