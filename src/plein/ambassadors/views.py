"""Ambassador pages: who the ambassadors are (everyone), and for community managers the coverage
with designating and removing. htmx requests get the managed part of the page back; without
JavaScript every action is a plain form post followed by a redirect."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.audit.exports import audit_export
from plein.core.csv import csv_response
from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.permissions import require as _require
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces.permissions import is_member

from . import permissions, selectors, services
from .forms import DesignateForm, ItemForm, RoundForm
from .models import Ambassador, EvaluationItem, EvaluationRound


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
        "current_round": selectors.current_round(),
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
    if not _partial(request):
        context["current_round"] = selectors.current_round()
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


# --- Evaluation rounds -----------------------------------------------------------------------


def _round_or_404(pk: int) -> EvaluationRound:
    evaluation = selectors.round_get(pk)
    if evaluation is None:
        raise Http404
    return evaluation


@login_required
@require_safe
def evaluation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every round for those who see the summaries; for everyone else the round open now."""
    current = selectors.current_round()
    can_view_summary = permissions.can_view_summary(request.user)
    if not can_view_summary and current is not None:
        return redirect(current)
    context = {
        "rounds": selectors.round_list() if can_view_summary else [],
        "current_round": current,
        "can_manage": permissions.can_manage_rounds(request.user),
        "can_view_summary": can_view_summary,
    }
    return render(request, "ambassadors/evaluations.html", context)


@login_required
def evaluation_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_manage_rounds(request.user))
    current = selectors.current_round()
    if request.method == "POST":
        form = RoundForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                evaluation = services.round_open(
                    by=request.user,
                    title=data["title"],
                    introduction=data["introduction"],
                    ends_on=data["ends_on"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The round has been opened. The ambassadors have been told by e-mail and "
                        "in their space."
                    ),
                )
                return redirect(evaluation)
    else:
        form = RoundForm(initial={"ends_on": timezone.localdate() + datetime.timedelta(days=14)})
    return _form_page(
        request, "ambassadors/evaluation_form.html", {"form": form, "current_round": current}
    )


def _board_context(
    request: AuthenticatedHttpRequest,
    evaluation: EvaluationRound,
    form: ItemForm | None = None,
    notice: str = "",
) -> dict[str, object]:
    user = request.user
    can_add = permissions.can_add_item(user, evaluation)
    return {
        "round": evaluation,
        "columns": selectors.board(evaluation, user),
        "form": (form or ItemForm(user=user)) if can_add else None,
        "can_add": can_add,
        "can_manage": permissions.can_manage_rounds(user),
        "can_view_summary": permissions.can_view_summary(user),
        "notice": notice,
    }


def _board(
    request: AuthenticatedHttpRequest,
    evaluation: EvaluationRound,
    form: ItemForm | None = None,
    notice: str = "",
) -> HttpResponse:
    context = _board_context(request, evaluation, form, notice)
    if _partial(request):
        # htmx swaps only 2xx answers: a form with errors comes back as 200 here.
        response = render(request, "ambassadors/partials/evaluation_board.html", context)
    else:
        status = 400 if form is not None and form.errors else 200
        response = render(request, "ambassadors/evaluation.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def evaluation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The board (GET); adding a tip, top or flop (POST)."""
    evaluation = _round_or_404(pk)
    if not permissions.can_view_board(request.user, evaluation):
        # A colleague who follows a link (or sends the form) after the round closed: say so.
        if request.method == "POST" and _partial(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = evaluation.get_absolute_url()
            return response
        return render(
            request,
            "ambassadors/evaluation_closed.html",
            {"round": evaluation},
            status=403 if request.method == "POST" else 200,
        )
    if request.method != "POST":
        return _board(request, evaluation)
    _require(permissions.can_add_item(request.user, evaluation))
    form = ItemForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_add(
                by=request.user,
                evaluation=evaluation,
                kind=data["kind"],
                text=data["text"],
                department=data["department"],
                anonymous=data["anonymous"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            notice = _("Thank you! Your %(kind)s is on the board.") % {
                "kind": item.get_kind_display().lower()
            }
            if _partial(request):
                return _board(request, evaluation, notice=notice)
            messages.success(request, notice)
            return redirect(f"{evaluation.get_absolute_url()}#evaluation-item-{item.pk}")
    return _board(request, evaluation, form)


def _item_or_404(evaluation: EvaluationRound, pk: int) -> EvaluationItem:
    item = selectors.item_get(evaluation, pk)
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def evaluation_support(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    """Give a "+1" or take it back."""
    evaluation = _round_or_404(pk)
    found = _item_or_404(evaluation, item)
    supported = services.item_support_toggle(by=request.user, item=found)
    if _partial(request):
        found = _item_or_404(evaluation, item)
        found.supported = supported  # type: ignore[attr-defined]
        context = _board_context(request, evaluation)
        context["item"] = found
        return render(request, "ambassadors/partials/evaluation_item.html", context)
    messages.success(
        request, _("You support this.") if supported else _("You no longer support this.")
    )
    return redirect(f"{evaluation.get_absolute_url()}#evaluation-item-{found.pk}")


@login_required
def evaluation_item_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    """Without JavaScript: a page that asks to confirm, then a post. With htmx the browser asks
    (hx-confirm) and posts straight away."""
    evaluation = _round_or_404(pk)
    found = _item_or_404(evaluation, item)
    _require(permissions.can_remove_item(request.user, found))
    if request.method != "POST":
        return render(
            request, "ambassadors/evaluation_item_remove.html", {"round": evaluation, "item": found}
        )
    services.item_remove(by=request.user, item=found)
    notice = _("The item has been taken off the board.")
    if _partial(request):
        return _board(request, evaluation, notice=notice)
    messages.success(request, notice)
    return redirect(evaluation)


@login_required
def evaluation_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = _round_or_404(pk)
    _require(permissions.can_manage_rounds(request.user))
    if request.method == "POST":
        services.round_close(by=request.user, evaluation=evaluation)
        messages.success(request, _("The round has been closed. Here is the summary."))
        return redirect("ambassadors:evaluation_summary", pk=evaluation.pk)
    return render(request, "ambassadors/evaluation_close.html", {"round": evaluation})


@login_required
@require_safe
def evaluation_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = _round_or_404(pk)
    _require(permissions.can_view_summary(request.user))
    context = {
        "round": evaluation,
        "summary": selectors.summary(evaluation),
        "can_manage": permissions.can_manage_rounds(request.user),
    }
    return render(request, "ambassadors/evaluation_summary.html", context)


@login_required
@require_safe
def evaluation_summary_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every item of the round: kind, text, department, number of +1s, author (unless
    anonymous) and when it was added."""
    evaluation = _round_or_404(pk)
    _require(permissions.can_view_summary(request.user))
    summary = selectors.summary(evaluation)
    header = [_("Kind"), _("Text"), _("Department"), _("+1"), _("Author"), _("Added")]
    rows = [
        [
            item.get_kind_display(),
            item.text,
            item.department.name if item.department else "",
            item.support_count,  # type: ignore[attr-defined]
            _("Anonymous") if item.anonymous else item.author.full_name,
            timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for item in summary.items
    ]
    filename = f"evaluation-{evaluation.pk}.csv"
    audit_export(request, filename, target=evaluation)
    return csv_response([header, *rows], filename=filename)
