"""The kudos wall, giving kudos, and the community managers' badges and spotlight pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.posts.selectors import Cursor
from plein.posts.stream.views import render_stream, stream_context

from . import permissions, selectors, services
from .forms import BadgeForm, GiveForm, RecipientSearchForm, SpotlightForm, SpotlightPeriodForm
from .models import Badge


@login_required
@require_safe
def wall(request: AuthenticatedHttpRequest) -> HttpResponse:
    cursor = Cursor.decode(request.GET.get("before"))
    page = selectors.kudos_wall(request.user, cursor=cursor)
    context = stream_context(page, url=reverse("kudos:wall"), continued_from=cursor)
    return render_stream(
        request,
        "kudos/wall.html",
        {
            **context,
            "can_give": permissions.can_give_kudos(request.user),
            "can_manage_badges": permissions.can_manage_badges(request.user),
            "can_manage_spotlight": permissions.can_manage_spotlight(request.user),
        },
    )


def profile_kudos_context(request: AuthenticatedHttpRequest, person: Person) -> dict[str, Any]:
    """What kudos/partials/profile_kudos.html needs on a person's profile."""
    return {
        "kudos_count": selectors.kudos_received_count(person),
        "kudos_latest": selectors.kudos_for_person(
            request.user, person, limit=selectors.PROFILE_KUDOS
        ),
        "can_give_kudos": permissions.can_give_kudos(request.user, person),
    }


@login_required
@require_safe
def recipient_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The live search results for the recipient (htmx), or the give page without JavaScript."""
    if not (request.htmx and not request.htmx.history_restore_request):  # type: ignore[attr-defined]
        query = request.GET.urlencode()
        return redirect(f"{reverse('kudos:give')}?{query}")
    search = RecipientSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    response = render(
        request,
        "kudos/partials/recipient_results.html",
        {"q": q, "candidates": selectors.recipient_candidates(request.user, q)},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def give(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one: find the colleague (?q=); step two (?to=<pk>): badge and message."""
    _require(permissions.can_give_kudos(request.user))
    search = RecipientSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    if request.method == "POST":
        form = GiveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.kudos_give(
                    giver=request.user,
                    recipient=data["recipient"],
                    badge=data["badge"],
                    message=data["message"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your kudos for %(name)s have been posted.")
                    % {"name": data["recipient"].full_name},
                )
                return redirect(f"{reverse('kudos:wall')}#post-{post.pk}")
        recipient = selectors.recipient_get(request.user, request.POST.get("recipient", ""))
    else:
        recipient = selectors.recipient_get(request.user, request.GET.get("to", ""))
        form = GiveForm(initial={"recipient": recipient.pk if recipient else None})
    if recipient is not None and recipient.pk == request.user.pk:
        recipient = None
    context = {
        "form": form,
        "search": search,
        "q": q,
        "recipient": recipient,
        "candidates": selectors.recipient_candidates(request.user, q) if recipient is None else [],
        "has_badges": form.fields["badge"].queryset.exists(),  # type: ignore[attr-defined]
    }
    return _form_page(request, "kudos/give.html", context)


# Badges (community managers)


@login_required
def badges(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_manage_badges(request.user))
    form = BadgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            badge = services.badge_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The badge %(badge)s has been added.") % {"badge": badge})
            return redirect("kudos:badges")
    return _form_page(request, "kudos/badges.html", {"form": form, "badges": selectors.badges()})


@login_required
def badge_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_badges(request.user))
    badge = get_object_or_404(Badge, pk=pk)
    initial = {"name": badge.name, "emoji": badge.emoji, "description": badge.description}
    form = BadgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.badge_update(actor=request.user, badge=badge, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The badge has been saved."))
            return redirect("kudos:badges")
    return _form_page(request, "kudos/badge_form.html", {"form": form, "badge": badge})


@login_required
@require_POST
def badge_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_badges(request.user))
    badge = get_object_or_404(Badge, pk=pk)
    up = request.POST.get("direction") == "up"
    services.badge_move(actor=request.user, badge=badge, direction="up" if up else "down")
    return redirect(f"{reverse('kudos:badges')}#badge-{badge.pk}")


@login_required
@require_POST
def badge_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_badges(request.user))
    badge = get_object_or_404(Badge, pk=pk)
    active = request.POST.get("active") == "1"
    services.badge_set_active(actor=request.user, badge=badge, is_active=active)
    if active:
        messages.success(request, _("%(badge)s can be given again.") % {"badge": badge})
    else:
        messages.success(
            request,
            _("%(badge)s is no longer offered; kudos given with it keep it.") % {"badge": badge},
        )
    return redirect(f"{reverse('kudos:badges')}#badge-{badge.pk}")


# The spotlight (community managers)


@login_required
def spotlight(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_manage_spotlight(request.user))
    form = SpotlightForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.spotlight_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The spotlight has been planned."))
            return redirect("kudos:spotlight")
    context = {"form": form, "overview": selectors.spotlight_overview()}
    return _form_page(request, "kudos/spotlight.html", context)


@login_required
def spotlight_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_spotlight(request.user))
    item = selectors.spotlight_get(pk)
    if item is None:
        raise Http404
    initial = {"message": item.message, "starts_on": item.starts_on, "ends_on": item.ends_on}
    form = SpotlightPeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.spotlight_update(actor=request.user, spotlight=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The spotlight has been saved."))
            return redirect("kudos:spotlight")
    return _form_page(request, "kudos/spotlight_form.html", {"form": form, "item": item})


@login_required
@require_POST
def spotlight_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_manage_spotlight(request.user))
    item = selectors.spotlight_get(pk)
    if item is None:
        raise Http404
    services.spotlight_end(actor=request.user, spotlight=item)
    messages.success(request, _("It is no longer in the spotlight."))
    return redirect("kudos:spotlight")
