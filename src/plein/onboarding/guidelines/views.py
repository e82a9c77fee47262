"""The posting guidelines page ("what may I post here?") and its edit form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.people.http import AuthenticatedHttpRequest

from ..permissions import can_manage_tips
from ..tips.texts import markdown_html
from . import selectors, services
from .forms import GuidelinesForm, GuidelinesPreviewForm


@login_required
def guidelines(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.guidelines_get()
    return render(
        request,
        "onboarding/guidelines.html",
        {
            "guidelines": current,
            "guidelines_html": selectors.guidelines_in_language(current),
            "can_edit": can_manage_tips(request.user),
        },
    )


def _edit_page(
    request: AuthenticatedHttpRequest, form: GuidelinesForm, preview: dict[str, Any] | None = None
) -> HttpResponse:
    return form_page(request, "onboarding/guidelines_form.html", {"form": form, "preview": preview})


@login_required
def guidelines_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_tips(request.user))
    if request.method == "POST":
        form = GuidelinesForm(request.POST)
        if form.is_valid():
            try:
                services.guidelines_update(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The posting guidelines have been saved."))
                return redirect("onboarding:guidelines")
        return _edit_page(request, form)
    current = selectors.guidelines_get()
    initial = {"body_nl": current.body_nl, "body_en": current.body_en} if current else {}
    return _edit_page(request, GuidelinesForm(initial=initial))


@login_required
@require_POST
def guidelines_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Both texts as they will look; the whole form again when asked without JavaScript."""
    require(can_manage_tips(request.user))
    form = GuidelinesPreviewForm(request.POST)
    texts = form.cleaned_data if form.is_valid() else {"body_nl": "", "body_en": ""}
    preview = {
        "nl": markdown_html(texts["body_nl"]),
        "en": markdown_html(texts["body_en"]),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "onboarding/guidelines_preview.html", {"preview": preview})
    initial = {
        "body_nl": request.POST.get("body_nl", ""),
        "body_en": request.POST.get("body_en", ""),
    }
    return _edit_page(request, GuidelinesForm(initial=initial), preview)
