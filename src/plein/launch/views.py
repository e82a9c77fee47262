"""The launch screen (community manager, project team) and the coming-soon page (everyone)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.core.selectors import branding_get
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.polls.models import Contest

from . import permissions, services
from .forms import GoLiveForm, LaunchPlanForm, NamingContestForm
from .models import Invitation
from .readiness.selectors import report
from .selectors import launch_plan


def _plan_form_initial() -> dict[str, Any]:
    plan = launch_plan()
    if plan.pk is None or plan._state.adding:
        return {}
    return {
        "launch_date": plan.launch_date,
        "pilot_departments": list(plan.pilot_departments.all()),
        "pilot_people": list(plan.pilot_people.order_by("last_name", "first_name", "pk")),
    }


def _go_live_initial() -> dict[str, Any]:
    plan = launch_plan()
    if plan.is_go_live_scheduled:  # changing the scheduled go-live: start from what it posts
        texts = plan.go_live_announcement
        return {
            "announcement_title": texts.get("title", ""),
            "announcement_lead": texts.get("lead", ""),
            "announcement_body": texts.get("body", ""),
            "send_invitations": texts.get("send_invitations", True),
            "go_live_at": plan.launch_date,
        }
    branding = branding_get()
    future = plan.launch_date if plan.launch_date and plan.launch_date > timezone.now() else None
    return {
        "announcement_title": _("%(name)s is open!") % {"name": branding.intranet_name},
        "announcement_lead": _(
            "From today, %(name)s is our intranet: the place for news, the agenda, documents, "
            "your colleagues and answers to your questions."
        )
        % {"name": branding.intranet_name},
        "announcement_body": _(
            "Start with your profile and a photo, so colleagues recognise you. Questions? Ask them "
            "in the space *Questions about the intranet*: the ambassadors are happy to help."
        )
        % {"name": branding.intranet_name},
        "send_invitations": True,
        "go_live_at": future,
    }


def _plan_context(request: AuthenticatedHttpRequest, **forms: Any) -> dict[str, Any]:
    plan = launch_plan()
    contest = plan.naming_contest if plan.naming_contest_id else None
    return {
        "plan": plan,
        "can_manage": permissions.can_manage_launch(request.user),
        "plan_form": forms.get("plan_form")
        or LaunchPlanForm(initial=_plan_form_initial(), user=request.user),
        "go_live_form": forms.get("go_live_form") or GoLiveForm(initial=_go_live_initial()),
        "contest_form": forms.get("contest_form") or NamingContestForm(),
        "readiness_report": report(),
        "contest": contest,
        "contest_phase": Contest.Phase(contest.phase()).label if contest else "",
        "invitations_sent": Invitation.objects.count(),
        "invitations_due": services.invitations_due_count()
        if plan.launched_at or plan.phase == plan.Phase.PILOT
        else 0,
        "entrants_count": permissions.entrants(Person.objects.filter(is_active=True)).count(),
        "people_count": Person.objects.filter(is_active=True).count(),
    }


def _plan_page(request: AuthenticatedHttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    return render(request, "launch/plan.html", _plan_context(request, **forms), status=status)


@login_required
def plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The launch screen; POST saves the date and the pilot."""
    require(permissions.can_view_launch(request.user))
    if request.method != "POST":
        return _plan_page(request)
    require(permissions.can_manage_launch(request.user))
    form = LaunchPlanForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.launch_plan_update(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The launch plan has been saved."))
            return redirect("launch:plan")
    return _plan_page(request, status=400, plan_form=form)


@login_required
@require_POST
def phase(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    try:
        plan = services.launch_phase_set(by=request.user, phase=request.POST.get("phase", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if plan.phase == plan.Phase.PILOT:
            messages.success(
                request, _("The pilot has started: its participants are being invited.")
            )
        else:
            messages.success(request, _("The intranet is in preparation."))
    return redirect("launch:plan")


@login_required
def go_live(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Write the launch announcement, then go live now or schedule it ("action"). Below the
    readiness score the community manager set, a confirmation step names what is missing; only
    a second, explicit press ("confirmed") goes ahead. "edit" goes back to the form."""
    require(permissions.can_manage_launch(request.user))
    form = GoLiveForm(request.POST or None, initial=_go_live_initial())
    action = request.POST.get("action", "now")
    plan = launch_plan()
    if request.method == "POST" and action in ("now", "schedule") and form.is_valid():
        readiness = report()
        if readiness.score < plan.go_live_minimum_score and not request.POST.get("confirmed"):
            return render(
                request,
                "launch/go_live_confirm.html",
                {"form": form, "action": action, "readiness_report": readiness, "plan": plan},
            )
        try:
            done = _go_live_or_schedule(request.user, action, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("launch:plan")
    return form_page(
        request,
        "launch/go_live.html",
        {
            "form": form,
            "plan": plan,
            "people_count": Person.objects.filter(is_active=True).count(),
            "invitations_sent": Invitation.objects.count(),
        },
    )


def _go_live_or_schedule(by: Person, action: str, data: dict[str, Any]) -> str:
    """Go live now or schedule it; returns the message for the community manager."""
    texts = {key: value for key, value in data.items() if key != "go_live_at"}
    if action == "schedule":
        plan = services.launch_go_live_schedule(by=by, at=data["go_live_at"], **texts)
        return _("The intranet goes live by itself on %(date)s.") % {
            "date": date_format(timezone.localtime(plan.launch_date), "DATETIME_FORMAT")
        }
    services.launch_go_live(by=by, **texts)
    return _("The intranet is live. Congratulations!")


@login_required
@require_POST
def go_live_cancel(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    try:
        services.launch_go_live_unschedule(by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The scheduled go-live has been cancelled: the intranet does not open by itself."),
        )
    return redirect("launch:plan")


@login_required
@require_POST
def naming_contest(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    form = NamingContestForm(request.POST)
    if form.is_valid():
        try:
            contest = services.naming_contest_start(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The naming contest has started."))
            return redirect(contest.get_absolute_url())
    return _plan_page(request, status=400, contest_form=form)


@login_required
@require_POST
def naming_apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    try:
        name = services.naming_contest_apply(by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The intranet is now called “%(name)s”.") % {"name": name})
    return redirect("launch:plan")


@login_required
@require_POST
def invitations_resume(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_manage_launch(request.user))
    services.invitations_enqueue()
    messages.success(request, _("The invitations that are still due are being sent."))
    return redirect("launch:plan")


def coming_soon(request: HttpRequest) -> HttpResponse:
    """What people see who may not enter yet: the persona, the date, and what to expect."""
    plan = launch_plan()
    user = request.user
    if plan.is_launched or (user.is_authenticated and permissions.can_enter(user)):
        return redirect("core:home")
    return render(request, "launch/coming_soon.html", {"plan": plan, "hide_navigation": True})
