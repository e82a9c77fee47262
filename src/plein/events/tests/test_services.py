from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plein.events import services
from plein.events.models import RSVP, Event
from plein.events.tests.factories import EventFactory, RSVPFactory
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
State = RSVP.State


def _data(**overrides):  # type: ignore[no-untyped-def]
    start = datetime(2030, 3, 18, 9, 0, tzinfo=AMS)  # a Monday, before summer time
    values = {
        "title": "Teamoverleg",
        "description": "Agenda: **planning**",
        "category": Event.Category.MEETING,
        "location": "Kamer 3.02",
        "online_url": "",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
    }
    return services.EventData(**{**values, **overrides})


def test_weekly_series_keeps_local_time_across_summer_time():  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    events = services.event_create(
        creator=member, data=_data(), space=space, recurrence="weekly", count=4
    )
    assert len(events) == 4
    assert len({e.series for e in events}) == 1 and events[0].series is not None
    local = [timezone.localtime(e.starts_at, AMS) for e in events]
    assert [d.date() for d in local] == [date(2030, 3, d) for d in (18, 25)] + [
        date(2030, 4, 1),
        date(2030, 4, 8),
    ]
    assert {(d.hour, d.minute) for d in local} == {(9, 0)}
    # Summer time began on 31 March: the UTC hour moved, the local one did not.
    assert events[0].starts_at.astimezone(ZoneInfo("UTC")).hour == 8
    assert events[2].starts_at.astimezone(ZoneInfo("UTC")).hour == 7
    assert all(e.ends_at - e.starts_at == timedelta(hours=1) for e in events)
    assert "<strong>planning</strong>" in events[0].description_html


def test_until_and_monthly_rules():  # type: ignore[no-untyped-def]
    start = datetime(2030, 1, 31, 10, 0, tzinfo=AMS)
    monthly = services.occurrences(start, "monthly", count=4)
    assert [d.date() for d in monthly] == [
        date(2030, 1, 31),
        date(2030, 3, 31),
        date(2030, 5, 31),
        date(2030, 7, 31),
    ]
    daily = services.occurrences(start, "daily", until=date(2030, 2, 3))
    assert len(daily) == 4
    assert len(services.occurrences(start, "daily", count=1000)) == services.MAX_OCCURRENCES


def test_organisation_wide_needs_the_permission():  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.event_create(creator=PersonFactory(), data=_data())
    editor = PersonFactory(roles=["editor"])
    [event] = services.event_create(creator=editor, data=_data())
    assert event.space is None and event.organiser == editor and event.series is None


def test_bad_data_is_refused():  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    with pytest.raises(ValidationError) as error:
        services.event_create(
            creator=editor,
            data=_data(location="", ends_at=datetime(2030, 3, 18, 8, tzinfo=AMS)),
        )
    assert set(error.value.message_dict) == {"location", "end_date"}
    with pytest.raises(ValidationError):
        services.event_create(creator=editor, data=_data(), recurrence="weekly")
    assert not Event.objects.exists()


def test_going_beyond_capacity_waits_and_moves_up(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    event = EventFactory(capacity=2)
    anne, bert, cem, dirk = (PersonFactory(language=lang) for lang in ("nl", "nl", "en", "nl"))
    for person in (anne, bert, cem, dirk):
        services.rsvp_set(event=event, person=person, state=State.GOING)
    states = dict(RSVP.objects.values_list("person_id", "state"))
    assert states == {
        anne.pk: State.GOING,
        bert.pk: State.GOING,
        cem.pk: State.WAITLISTED,
        dirk.pk: State.WAITLISTED,
    }
    event.refresh_from_db()
    assert (event.going_count, event.waitlist_count) == (2, 2)
    # Asking again does not lose the place in the queue.
    services.rsvp_set(event=event, person=cem, state=State.GOING)
    assert RSVP.objects.get(person=cem).state == State.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp_set(event=event, person=anne, state=State.NOT_GOING)
    assert RSVP.objects.get(person=cem).state == State.GOING
    assert RSVP.objects.get(person=dirk).state == State.WAITLISTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cem.email]
    assert "You have a place" in mail.outbox[0].subject  # cem reads English
    event.refresh_from_db()
    assert (event.going_count, event.maybe_count, event.waitlist_count) == (2, 0, 1)


def test_more_places_let_the_waiting_list_in(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    event = EventFactory(capacity=1)
    first, second = (
        RSVPFactory(event=event),
        RSVPFactory(event=event, state=State.WAITLISTED, waitlisted_at=timezone.now()),
    )
    data = services.EventData(
        title=event.title,
        description="",
        category=event.category,
        location=event.location,
        online_url="",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=5,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, editor=event.organiser, data=data)
    assert RSVP.objects.get(pk=second.pk).state == State.GOING
    assert RSVP.objects.get(pk=first.pk).state == State.GOING
    assert [m.to for m in mail.outbox] == [[second.person.email]]


def test_no_answer_to_an_invisible_or_cancelled_event():  # type: ignore[no-untyped-def]
    secret = EventFactory(space=SpaceFactory(kind="secret"))
    with pytest.raises(PermissionDenied):
        services.rsvp_set(event=secret, person=PersonFactory(), state=State.GOING)
    cancelled = EventFactory(cancelled_at=timezone.now())
    with pytest.raises(ValidationError):
        services.rsvp_set(event=cancelled, person=PersonFactory(), state=State.GOING)
    with pytest.raises(ValidationError):
        services.rsvp_set(event=EventFactory(), person=PersonFactory(), state="waitlisted")


def test_cancel_series_mails_those_coming(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    start = timezone.now() + timedelta(days=1)
    events = services.event_create(
        creator=editor,
        data=_data(starts_at=start, ends_at=start + timedelta(hours=1)),
        recurrence="daily",
        count=3,
    )
    going, not_going = PersonFactory(), PersonFactory()
    services.rsvp_set(event=events[1], person=going, state=State.GOING)
    services.rsvp_set(event=events[1], person=not_going, state=State.NOT_GOING)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.event_cancel(event=events[1], by=editor, whole_series=True)
    assert {e.pk for e in cancelled} == {events[1].pk, events[2].pk}
    assert Event.objects.get(pk=events[0].pk).cancelled_at is None
    assert [m.to for m in mail.outbox] == [[going.email]]
    with pytest.raises(PermissionDenied):
        services.event_cancel(event=events[0], by=going)


def test_reminders_are_sent_once_per_reminder_hour(settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.PLEIN_EVENT_REMINDER_HOURS = [24, 1]
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=21))
    going = RSVPFactory(event=event, state=State.GOING)
    RSVPFactory(event=event, state=State.MAYBE)
    RSVPFactory(event=event, state=State.WAITLISTED)
    gone = RSVPFactory(event=event, state=State.GOING, person=PersonFactory(is_active=False))
    later = EventFactory(starts_at=now + timedelta(hours=50), ends_at=now + timedelta(hours=51))
    RSVPFactory(event=later, state=State.GOING)
    cancelled = EventFactory(starts_at=now + timedelta(hours=2), cancelled_at=now)
    RSVPFactory(event=cancelled, state=State.GOING)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=now) == 1
    assert [m.to for m in mail.outbox] == [[going.person.email]]
    assert "Reminder" in mail.outbox[0].subject or "Herinnering" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=now + timedelta(minutes=15)) == 0
    # An hour before the start, the second reminder.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=now + timedelta(hours=19, minutes=5)) == 1
        assert services.reminders_send(now=now + timedelta(hours=19, minutes=20)) == 0
    assert len(mail.outbox) == 2
    assert RSVP.objects.get(pk=gone.pk).reminded_at is None


def test_no_reminder_for_who_can_no_longer_see_the_event(settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_EVENT_REMINDER_HOURS = [24]
    space = SpaceFactory(kind="closed")
    now = timezone.now()
    event = EventFactory(space=space, starts_at=now + timedelta(hours=2))
    answer = RSVPFactory(event=event)  # never (or no longer) a member
    assert services.reminders_send(now=now) == 0
    assert RSVP.objects.get(pk=answer.pk).reminded_at is None


def test_feed_token_renew_and_delete(person):  # type: ignore[no-untyped-def]
    first = services.calendar_feed_get_or_create(person=person)
    assert services.calendar_feed_get_or_create(person=person).token == first.token
    assert len(first.token) >= 40
    renewed = services.calendar_feed_renew(person=person)
    assert renewed.token != first.token
    services.calendar_feed_delete(person=person)
    assert not hasattr(type(person).objects.get(pk=person.pk), "calendar_feed_cache")


def test_counters_refresh():  # type: ignore[no-untyped-def]
    event = EventFactory()
    RSVPFactory.create_batch(3, event=event, state=State.GOING)
    RSVPFactory(event=event, state=State.MAYBE)
    services.events_counters_refresh(event_ids=[event.pk])
    event.refresh_from_db()
    assert (event.going_count, event.maybe_count, event.waitlist_count) == (3, 1, 0)
