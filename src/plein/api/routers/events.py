"""Events and answers (RSVPs), through the agenda's selectors and services."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import Query, Router, Status

from plein.events import selectors, services
from plein.events.models import Event
from plein.people.http import AuthenticatedHttpRequest
from plein.spaces.models import Space
from plein.spaces.selectors import space_get

from ..auth import READ, WRITE
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.events import EventCreate, EventDetailOut, EventFilters, EventIn, EventsPage, RsvpIn

PREFIX = "/events"
router = Router(tags=["events"])


def _space(request: AuthenticatedHttpRequest, slug: str | None) -> Space | None:
    if slug is None:
        return None
    space = space_get(slug, request.user)
    if space is None:
        raise Http404
    return space


def _visible(request: AuthenticatedHttpRequest, event_id: int) -> Event:
    event = selectors.event_get(event_id, request.user)
    if event is None:
        raise Http404
    return selectors.decorate([event], request.user)[0]


def _data(payload: EventIn) -> services.EventData:
    return services.EventData(
        title=payload.title,
        description=payload.description,
        category=payload.category,
        location=payload.location,
        online_url=payload.online_url,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        all_day=payload.all_day,
        capacity=payload.capacity,
    )


@router.get("/", response=EventsPage, auth=READ, summary=N_("Upcoming events you may see"))
def events_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[EventFilters]
) -> dict[str, object]:
    """Events that have not ended yet, soonest first, as the agenda shows them."""
    events = selectors.agenda(
        request.user,
        category=filters.category or "",
        mine=filters.mine,
        space=_space(request, filters.space),
    )
    rows, cursor = paginate(events, order=("starts_at", "pk"), params=page)
    return {"items": selectors.decorate(rows, request.user), "next": cursor}


@router.get("/{event_id}", response=EventDetailOut, auth=READ, summary=N_("One event"))
def events_detail(request: AuthenticatedHttpRequest, event_id: PathId) -> Event:
    return _visible(request, event_id)


@router.post("/", response={201: EventDetailOut}, auth=WRITE, summary=N_("Plan an event"))
def events_create(request: AuthenticatedHttpRequest, payload: EventCreate) -> Status[Event]:
    """Plan an event in a space you may plan in, or (with the rights) for everyone."""
    space = _space(request, payload.space)
    created = services.event_create(creator=request.user, data=_data(payload), space=space)
    return Status(201, _visible(request, created[0].pk))


@router.put("/{event_id}", response=EventDetailOut, auth=WRITE, summary=N_("Change an event"))
def events_update(request: AuthenticatedHttpRequest, event_id: PathId, payload: EventIn) -> Event:
    services.event_update(
        event=_visible(request, event_id), editor=request.user, data=_data(payload)
    )
    return _visible(request, event_id)


@router.put(
    "/{event_id}/rsvp", response=EventDetailOut, auth=WRITE, summary=N_("Answer an invitation")
)
def events_rsvp(request: AuthenticatedHttpRequest, event_id: PathId, payload: RsvpIn) -> Event:
    """Going, maybe or not; going to a full event puts you on the waiting list."""
    services.rsvp_set(event=_visible(request, event_id), person=request.user, state=payload.state)
    return _visible(request, event_id)
