"""Events in the site-wide search: the write paths keep the entry current."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.events import services
from plein.events.models import Event
from plein.events.permissions import visible_events
from plein.events.search import event_entry
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db
START = datetime(2030, 3, 18, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def _data(**overrides):  # type: ignore[no-untyped-def]
    values = {
        "title": "Teamoverleg",
        "description": "Agenda: **planning**",
        "category": Event.Category.MEETING,
        "location": "Kamer 3.02",
        "online_url": "",
        "starts_at": START,
        "ends_at": START + timedelta(hours=1),
    }
    return services.EventData(**{**values, **overrides})


def test_every_write_path_indexes(indexed) -> None:  # type: ignore[no-untyped-def]
    kind = KINDS.get("event")
    assert kind is not None and kind.visible is visible_events and kind.entry is event_entry
    space = SpaceFactory()
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    events = services.event_create(
        creator=member, data=_data(), space=space, recurrence="weekly", count=3
    )
    assert indexed.indexed("event") == [event.pk for event in events]
    entry = indexed.entries[("event", events[0].pk)]
    assert entry is not None
    assert (entry.title, entry.body) == ("Teamoverleg", "Agenda: planning\nKamer 3.02")
    assert entry.space_id == space.pk and entry.author_id == member.pk
    assert entry.created_at == events[0].created_at  # when it was planned, not when it starts
    assert entry.url == events[0].get_absolute_url()

    services.event_update(event=events[0], editor=member, data=_data(title="Overleg"))
    assert indexed.entries[("event", events[0].pk)].title == "Overleg"  # type: ignore[union-attr]
    services.event_cancel(event=events[1], by=member, whole_series=True)
    assert indexed.indexed("event")[-2:] == [events[1].pk, events[2].pk]
