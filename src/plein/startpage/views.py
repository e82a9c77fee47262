"""The start page and how people arrange it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.registries import widgets as registry
from plein.people.http import AuthenticatedHttpRequest

from . import permissions, selectors, services, widgets
from .forms import CelebrationsForm, LayoutActionForm, QuickLinkForm
from .models import Celebrations, QuickLink


def start_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The personal start page: the shown widgets in the person's order, each with its context
    (all rendered in one template, so the page's queries are the widgets' fixed ones)."""
    row = selectors.personal_row(request.user)
    placed = [
        p
        for p in selectors.layout_for(request.user, row)
        if p.shown and (p.widget.available is None or p.widget.available(request))
    ]
    context: dict[str, Any] = {
        "placed": placed,
        "phone_first": widgets.PHONE_FIRST,
        "show_start_hint": row is None or row.hint_dismissed_at is None,
    }
    for item in placed:
        context.update(item.widget.context(request))
    return render(request, "startpage/start.html", context)


def _arrange_page(request: AuthenticatedHttpRequest, *, organisation: bool) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("reset") and not organisation:
            services.personal_layout_reset(person=request.user)
        else:
            form = LayoutActionForm(request.POST)
            if form.is_valid():
                try:
                    if organisation:
                        services.default_layout_change(by=request.user, **form.cleaned_data)
                    else:
                        services.personal_layout_change(person=request.user, **form.cleaned_data)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
        if not request.htmx:  # type: ignore[attr-defined]
            return redirect(request.path)
    pairs = (
        [(key, shown) for key, shown in selectors.default_layout()]
        if organisation
        else [
            (p.widget.key, p.shown)
            for p in selectors.layout_for(request.user, selectors.personal_row(request.user))
        ]
    )
    context = {"rows": _rows(pairs), "organisation": organisation, "action": request.path}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "startpage/partials/arrange_list.html", context)
    return render(request, "startpage/arrange.html", context)


def _rows(pairs: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    rows = []
    for index, (key, shown) in enumerate(pairs):
        widget = registry.get(key)
        if widget is not None:
            rows.append(
                {
                    "key": key,
                    "label": widget.label,
                    "shown": shown,
                    "first": index == 0,
                    "last": index == len(pairs) - 1,
                }
            )
    return rows


@login_required
def arrange(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _arrange_page(request, organisation=False)


@login_required
def arrange_default(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_change_default(request.user):
        raise PermissionDenied
    return _arrange_page(request, organisation=True)


@login_required
@require_POST
def dismiss_hint(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.start_hint_dismiss(person=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    return redirect("core:home")


@login_required
def celebrations(request: AuthenticatedHttpRequest) -> HttpResponse:
    row = Celebrations.objects.filter(person=request.user).first()
    if request.method == "POST":
        form = CelebrationsForm(request.POST)
        if form.is_valid():
            try:
                services.celebrations_update(person=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your choices have been saved."))
                return redirect("startpage:celebrations")
    else:
        initial = (
            {
                "birth_day": row.birth_day,
                "birth_month": row.birth_month,
                "started_on": row.started_on,
                "share": row.share,
            }
            if row
            else {}
        )
        form = CelebrationsForm(initial=initial)
    return render(
        request,
        "startpage/celebrations.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def quick_links(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """The community manager's list of quick links, with a form to add or change one."""
    if not permissions.can_change_default(request.user):
        raise PermissionDenied
    link = get_object_or_404(QuickLink, pk=pk) if pk else None
    form = QuickLinkForm(request.POST or None, instance=link)
    if request.method == "POST" and form.is_valid():
        try:
            services.quick_link_save(by=request.user, link=link, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The quick link has been saved."))
            return redirect("startpage:quick_links")
    return render(
        request,
        "startpage/quick_links.html",
        {"form": form, "link": link, "links": list(QuickLink.objects.all())},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def quick_link_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(QuickLink, pk=pk)
    action = request.POST.get("action", "")
    if action == "delete":
        services.quick_link_delete(by=request.user, link=link)
        messages.success(request, _("The quick link has been removed."))
    elif action in services.MOVES:
        services.quick_link_move(by=request.user, link=link, direction=action)
    return redirect(reverse("startpage:quick_links"))
