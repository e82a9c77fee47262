"""Ambassador pages: who the ambassadors are (everyone), and for community managers the coverage
with designating and removing. htmx requests get the managed part of the page back; without
JavaScript every action is a plain form post followed by a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.core.http import AuthenticatedHttpRequest
from plein.core.permissions import require as _require
from plein.posts.forms import add_service_error
from plein.spaces.permissions import is_member

from . import permissions, selectors, services
from .forms import DesignateForm
from .models import Ambassador


def _partial(request: AuthenticatedHttpRequest) -> bool:
    htmx = request.htmx  # type: ignore[attr-defined]
    return bool(htmx and not htmx.history_restore_request)


@login_required
@require_safe
def ambassador_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_view_ambassadors(request.user))
    page = selectors.ambassador_page(request.user)
    me = next((a for a in page.ambassadors if a.person_id == request.user.pk), None)
    can_manage = permissions.can_manage_ambassadors(request.user)
    space = selectors.ambassadors_space() if me is not None or can_manage else None
    context = {
        "mine": page.mine,
        "ambassadors": page.ambassadors,
        "me": me,
        "space": space if space is not None and is_member(request.user, space) else None,
        "can_manage": can_manage,
    }
    return render(request, "ambassadors/list.html", context)


def _manage_page(
    request: AuthenticatedHttpRequest, form: DesignateForm, notice: str = ""
) -> HttpResponse:
    context = {
        "coverage": selectors.coverage(),
        "ambassadors": selectors.ambassador_list(include_inactive=True),
        "form": form,
        "notice": notice,
    }
    if _partial(request):
        # htmx swaps only 2xx answers: a form with errors comes back as 200 here.
        return render(request, "ambassadors/partials/manage.html", context)
    return render(request, "ambassadors/manage.html", context, status=400 if form.errors else 200)


def _done(request: AuthenticatedHttpRequest, notice: str) -> HttpResponse:
    if _partial(request):
        return _manage_page(request, DesignateForm(user=request.user), notice)
    messages.success(request, notice)
    return redirect("ambassadors:manage")


@login_required
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_manage_ambassadors(request.user))
    if request.method != "POST":
        initial = {
            key: request.GET[key] for key in ("department", "location") if request.GET.get(key)
        }
        return _manage_page(request, DesignateForm(user=request.user, initial=initial))
    form = DesignateForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            ambassador = services.ambassador_designate(
                by=request.user,
                person=data["person"],
                department=data["department"],
                location=data["location"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            notice = _("%(name)s is now ambassador for %(scope)s.") % {
                "name": ambassador.person.full_name,
                "scope": selectors.scope_label(ambassador),
            }
            return _done(request, notice)
    return _manage_page(request, form)


@login_required
@require_safe
def person_suggestions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The colleagues matching what is typed, as <option>s for the form's datalist (htmx)."""
    _require(permissions.can_manage_ambassadors(request.user))
    if not _partial(request):
        return redirect("ambassadors:manage")
    people = selectors.person_suggestions(request.user, request.GET.get("person", "")[:254])
    response = render(request, "ambassadors/partials/person_options.html", {"people": people})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Without JavaScript: a page that asks to confirm, then a post. With htmx the browser asks
    (hx-confirm) and posts straight away."""
    _require(permissions.can_manage_ambassadors(request.user))
    ambassador = (
        Ambassador.objects.select_related("person", "department", "location").filter(pk=pk).first()
    )
    if ambassador is None:
        raise Http404
    if request.method == "POST":
        services.ambassador_remove(by=request.user, ambassador=ambassador)
        notice = _("%(name)s is no longer an ambassador.") % {"name": ambassador.person.full_name}
        return _done(request, notice)
    return render(request, "ambassadors/remove.html", {"ambassador": ambassador})
