from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from plein.core.forms import add_service_error
from plein.core.http import form_page as _form_page
from plein.core.mail import in_language_of
from plein.core.permissions import require as _require
from plein.core.selectors import branding_get
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces import permissions as space_rules

from . import ical, permissions, selectors, services
from .forms import AgendaFilterForm, CancelForm, EventForm
from .models import RSVP, Event

EVENTS_PER_PAGE = 20
ICS_TYPE = "text/calendar; charset=utf-8"


def _event_or_404(request: AuthenticatedHttpRequest, pk: int) -> Event:
    event = selectors.event_get(pk, request.user)
    if event is None:
        raise Http404
    return event


@login_required
@require_safe
def agenda(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    partial = bool(request.htmx and not request.htmx.history_restore_request)  # type: ignore[attr-defined]
    past = request.GET.get("tab") == "past"
    form = AgendaFilterForm(
        request.GET or None, spaces=space_rules.spaces_with_visible_content(user)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    category, space, mine = filters.get("category"), filters.get("space"), filters.get("mine")
    events = selectors.agenda(
        user, past=past, category=category or "", mine=bool(mine), space=space
    )
    page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode(
        [
            (key, value)
            for key, value in (
                ("tab", "past" if past else ""),
                ("category", category or ""),
                ("space", space.slug if space else ""),
                ("mine", "on" if mine else ""),
            )
            if value
        ]
    )
    events_on_page = selectors.decorate(list(page_obj.object_list), user)
    context = {
        "form": form,
        "page_obj": page_obj,
        "events": events_on_page,
        "days": [
            (day, list(items)) for day, items in groupby(events_on_page, lambda e: e.first_day)
        ],
        "past": past,
        "filter_query": query,
        "tab_query": urlencode(
            [(k, v) for k, v in request.GET.items() if k not in ("tab", "page")]
        ),
        "can_create": permissions.can_create_any_event(user),
    }
    template = "events/partials/agenda_results.html" if partial else "events/agenda.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _rsvp_context(request: AuthenticatedHttpRequest, event: Event) -> dict[str, Any]:
    answer = selectors.my_answer(event, request.user)
    mine = answer.state if answer else None
    shown = RSVP.State.GOING if mine == RSVP.State.WAITLISTED else mine
    choices = [
        (RSVP.State.GOING, _("Going")),
        (RSVP.State.MAYBE, _("Maybe")),
        (RSVP.State.NOT_GOING, _("Not going")),
    ]
    return {
        "event": event,
        "my_state": mine,
        "waitlist_position": selectors.waitlist_position(answer),
        "can_rsvp": permissions.can_rsvp(request.user, event),
        "rsvp_choices": [(value, label, value == shown) for value, label in choices],
    }


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    user = request.user
    can_manage = permissions.can_manage_event(user, event)
    return render(
        request,
        "events/detail.html",
        {
            **_rsvp_context(request, event),
            "can_manage": can_manage,
            "attendees": selectors.attendees(event) if can_manage else None,
            "series": list(selectors.series_events(event, user)[:10]),
        },
    )


@login_required
@require_POST
def rsvp(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    state = request.POST.get("state", "")
    try:
        answer = services.rsvp_set(event=event, person=request.user, state=state)
    except ValidationError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return _rsvp_partial(request, event, error=" ".join(error.messages), status=400)
        for message in error.messages:
            messages.error(request, message)
        return redirect(event)
    if answer.state == RSVP.State.WAITLISTED:
        done = _("The event is full: you are on the waiting list.")
    elif answer.state == RSVP.State.GOING:
        done = _("See you there!")
    else:
        done = _("Your answer has been saved.")
    if request.htmx:  # type: ignore[attr-defined]
        return _rsvp_partial(request, event, note=done)
    messages.success(request, done)
    return redirect(event)


def _rsvp_partial(
    request: AuthenticatedHttpRequest,
    event: Event,
    *,
    note: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    event.refresh_from_db()
    context = {**_rsvp_context(request, event), "note": note, "error": error}
    return render(request, "events/partials/rsvp.html", context, status=status)


def _planning_spaces(request: AuthenticatedHttpRequest) -> Any:
    return permissions.spaces_to_plan_in(request.user).order_by("name")


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    _require(permissions.can_create_any_event(user))
    spaces = _planning_spaces(request)
    initial = {"space": request.GET.get("space", "")}
    form = EventForm(
        request.POST or None,
        initial=initial,
        spaces=spaces,
        organisation_wide=permissions.can_manage_all_events(user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            events = services.event_create(
                creator=user,
                data=form.event_data(),
                space=data.get("space"),
                recurrence=data.get("recurrence") or "",
                until=data.get("repeat_until"),
                count=data.get("repeat_count"),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if len(events) > 1:
                done = _("The event has been planned %(count)s times.") % {"count": len(events)}
            else:
                done = _("The event has been planned.")
            messages.success(request, done)
            return redirect(events[0])
    return _form_page(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    _require(permissions.can_manage_event(request.user, event))
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, editor=request.user, data=form.event_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    return _form_page(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    _require(permissions.can_manage_event(request.user, event) and not event.cancelled)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        cancelled = services.event_cancel(
            event=event,
            by=request.user,
            whole_series=bool(event.series and form.cleaned_data["whole_series"]),
        )
        messages.success(
            request,
            _("%(count)s event(s) cancelled; those who said they would come get an e-mail.")
            % {"count": len(cancelled)},
        )
        return redirect(event)
    return render(request, "events/cancel.html", {"form": form, "event": event})


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_safe
def ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    content = ical.calendar([event], name=event.title)
    filename = f"{slugify(event.title)[:60] or 'event'}.ics"
    return _ics_response(content, filename, attachment=True)


@login_required
def feed_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page with the personal calendar address; POST makes one (or a new one)."""
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "stop":
            services.calendar_feed_delete(person=user)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            services.calendar_feed_renew(person=user)
            messages.success(
                request,
                _("Your new calendar address is ready. The old one, if any, no longer works."),
            )
        return redirect("events:feed_settings")
    feed = selectors.feed_of(user)
    feed_url = request.build_absolute_uri(reverse("events:feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "events/feed_settings.html",
        {
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed else "",
        },
    )


@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal calendar feed: no login (calendar apps cannot log in), the token is the key."""
    subscription = selectors.feed_by_token(token)
    if subscription is None:
        raise Http404
    person = subscription.person
    with in_language_of(person):
        name = _("%(intranet)s agenda of %(name)s") % {
            "intranet": branding_get().intranet_name,
            "name": person.full_name,
        }
    content = ical.calendar(selectors.feed_events(person), name=name)
    return _ics_response(content, "agenda.ics", attachment=False)
