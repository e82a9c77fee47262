"""The absences pages: a person's own list (add, change, remove, the calendar address) and a
manager's team for the coming two weeks. Everything works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.http import form_page
from plein.core.permissions import require
from plein.core.redirects import redirect_next
from plein.people.http import AuthenticatedHttpRequest

from ..models import Absence, AbsenceFeed, Person
from ..permissions import can_view_profile
from . import services
from .forms import AbsenceFeedForm, AbsenceForm
from .permissions import can_edit_absences, can_view_team
from .selectors import TEAM_DAYS, absence_feed_of, absences_to_edit, team_absences


def _person(request: AuthenticatedHttpRequest, pk: int | None) -> Person:
    person = request.user if pk is None else Person.objects.filter(pk=pk).first()
    if person is None or not can_view_profile(request.user, person):
        raise Http404
    require(can_edit_absences(request.user, person))
    return person


def _list_url(by: Person, person: Person) -> str:
    if by.pk == person.pk:
        return reverse("people:absences")
    return reverse("people:absences_of", args=[person.pk])


def feed_error_text(code: str) -> str:
    """What went wrong when the calendar was last read, in words."""
    if code.startswith("http-"):
        return _("The calendar server answered with error %(status)s.") % {"status": code[5:]}
    texts = {
        "refused": _("This address cannot be read: only web addresses outside this server are."),
        "unreachable": _("The calendar server could not be reached."),
        "too-large": _("The calendar is too large to read."),
        "not-a-calendar": _("The address does not give a calendar (ICS)."),
    }
    return texts.get(code, _("The calendar could not be read."))


def _page(
    request: AuthenticatedHttpRequest,
    person: Person,
    form: AbsenceForm | None = None,
    feed_form: AbsenceFeedForm | None = None,
) -> HttpResponse:
    feed: AbsenceFeed | None = absence_feed_of(person)
    context = {
        "person": person,
        "is_own": person.pk == request.user.pk,
        "absences": absences_to_edit(person),
        "form": form or AbsenceForm(),
        "feed": feed,
        "feed_error": feed_error_text(feed.last_error) if feed and feed.last_error else "",
        "feed_form": feed_form or AbsenceFeedForm(initial={"url": feed.url if feed else ""}),
        "list_url": _list_url(request.user, person),
    }
    status = 400 if (form and form.errors) or (feed_form and feed_form.errors) else 200
    return render(request, "people/availability/absences.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def absences(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """The list of absences not over yet, with the form to add one."""
    person = _person(request, pk)
    if request.method != "POST":
        return _page(request, person)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            services.absence_create(by=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The absence has been saved."))
            return redirect(_list_url(request.user, person))
    return _page(request, person, form=form)


@login_required
@require_POST
def absence_feed(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Set or remove the address of the person's published calendar."""
    person = _person(request, pk)
    form = AbsenceFeedForm(request.POST)
    if form.is_valid():
        feed = services.absence_feed_set(
            by=request.user, person=person, url=form.cleaned_data["url"]
        )
        messages.success(
            request,
            _("Your calendar will be read in a moment, and every hour after that.")
            if feed
            else _("Your calendar is no longer read."),
        )
        return redirect(_list_url(request.user, person))
    return _page(request, person, feed_form=form)


def _absence(request: AuthenticatedHttpRequest, pk: int) -> Absence:
    absence = get_object_or_404(Absence.objects.select_related("person"), pk=pk)
    if not can_view_profile(request.user, absence.person):
        raise Http404
    require(can_edit_absences(request.user, absence.person))
    return absence


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def absence_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    absence = _absence(request, pk)
    list_url = _list_url(request.user, absence.person)
    initial = {
        "first_day": absence.first_day,
        "last_day": absence.last_day,
        "back_on": absence.back_on,
        "note": absence.note,
    }
    form = AbsenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_update(by=request.user, absence=absence, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The absence has been changed."))
            return redirect(list_url)
    context = {"form": form, "absence": absence, "list_url": list_url}
    return form_page(request, "people/availability/absence_form.html", context)


@login_required
@require_POST
def absence_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    absence = _absence(request, pk)
    list_url = _list_url(request.user, absence.person)
    services.absence_delete(by=request.user, absence=absence)
    messages.success(request, _("The absence has been removed."))
    return redirect_next(request, list_url)


@login_required
@require_safe
def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who of the manager's direct reports is away on each working day of the coming two weeks."""
    require(can_view_team(request.user))
    people, days = team_absences(request.user)
    return render(
        request,
        "people/availability/team.html",
        {"team": people, "days": days, "team_days": TEAM_DAYS, "today": timezone.localdate()},
    )
