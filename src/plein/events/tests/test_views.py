from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from plein.events import services
from plein.events.models import RSVP, CalendarFeed, Event
from plein.events.tests.factories import EventFactory, RSVPFactory
from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
State = RSVP.State


def _form(**overrides):  # type: ignore[no-untyped-def]
    values = {
        "title": "Cursus Omgevingswet",
        "category": "training",
        "space": "",
        "description": "Voor **iedereen**",
        "location": "Stadskantoor",
        "online_url": "",
        "start_date": "2030-06-03",
        "start_time": "09:30",
        "end_date": "",
        "end_time": "12:00",
        "capacity": "",
        "recurrence": "",
        "repeat_until": "",
        "repeat_count": "",
    }
    return {**values, **overrides}


def test_create_in_local_time(client):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    client.force_login(editor)
    response = client.post(reverse("events:create"), _form())
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert timezone.localtime(event.starts_at, AMS) == datetime(2030, 6, 3, 9, 30, tzinfo=AMS)
    assert event.starts_at.astimezone(ZoneInfo("UTC")).hour == 7  # summer time
    assert event.ends_at - event.starts_at == timedelta(hours=2, minutes=30)
    assert event.space is None


def test_form_errors_keep_what_was_typed(client):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory(roles=["editor"]))
    response = client.post(
        reverse("events:create"),
        _form(location="", end_time="08:00", recurrence="weekly", online_url="niet een link"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"end_time", "online_url", "repeat_until"} <= set(form.errors)
    assert 'value="Cursus Omgevingswet"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_member_plans_in_a_space_but_not_organisation_wide(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="closed")
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    client.force_login(member)
    response = client.post(reverse("events:create"), _form())
    assert response.status_code == 400 and "space" in response.context["form"].errors
    response = client.post(
        reverse("events:create"),
        _form(space=space.slug, recurrence="weekly", repeat_count="3", all_day="on"),
    )
    assert response.status_code == 302
    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 3 and all(e.space == space and e.all_day for e in events)
    assert timezone.localtime(events[0].ends_at, AMS) == datetime(2030, 6, 4, tzinfo=AMS)


def test_create_page_needs_a_space_or_the_permission(client):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())
    assert client.get(reverse("events:create")).status_code == 403


def test_edit_and_cancel_by_the_organiser_only(client):  # type: ignore[no-untyped-def]
    event = EventFactory()
    client.force_login(PersonFactory())
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    assert client.post(reverse("events:cancel", args=[event.pk])).status_code == 403
    client.force_login(event.organiser)
    page = client.get(reverse("events:edit", args=[event.pk]))
    assert page.status_code == 200
    local = timezone.localtime(event.starts_at, AMS)
    assert f'value="{local:%H:%M}"' in page.content.decode()
    data = _form(
        title="Nieuwe titel",
        start_date=f"{local:%Y-%m-%d}",
        start_time=f"{local:%H:%M}",
        end_time=f"{local + timedelta(hours=2):%H:%M}",
    )
    if (local + timedelta(hours=2)).date() != local.date():
        data["end_date"] = f"{local + timedelta(hours=2):%Y-%m-%d}"
    assert client.post(reverse("events:edit", args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Nieuwe titel"
    assert client.get(reverse("events:cancel", args=[event.pk])).status_code == 200
    assert client.post(reverse("events:cancel", args=[event.pk])).status_code == 302
    event.refresh_from_db()
    assert event.cancelled


def test_invisible_event_is_404(client):  # type: ignore[no-untyped-def]
    event = EventFactory(space=SpaceFactory(kind="secret"))
    client.force_login(PersonFactory())
    for name in ("detail", "ics", "edit"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404
    assert (
        client.post(reverse("events:rsvp", args=[event.pk]), {"state": "going"}).status_code == 404
    )


def test_rsvp_plain_post_and_htmx(client, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    event = EventFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    client.force_login(first)
    url = reverse("events:rsvp", args=[event.pk])
    response = client.post(url, {"state": "going"})
    assert response.status_code == 302
    assert RSVP.objects.get(person=first).state == State.GOING

    client.force_login(second)
    response = client.post(url, {"state": "going"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="event-rsvp"' in html and "<html" not in html
    assert 'data-state="waitlisted"' in html
    assert RSVP.objects.get(person=second).state == State.WAITLISTED

    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"state": "not"}, headers={"HX-Request": "true"})
    assert RSVP.objects.get(person=second).state == State.GOING
    assert [m.to for m in mail.outbox] == [[second.email]]
    response = client.post(url, {"state": "bogus"}, headers={"HX-Request": "true"})
    assert response.status_code == 400


def test_attendee_list_only_for_organisers(client):  # type: ignore[no-untyped-def]
    event = EventFactory()
    guest = RSVPFactory(event=event).person
    client.force_login(guest)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="event-attendees"' not in page
    client.force_login(event.organiser)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="event-attendees"' in page and escape(guest.full_name) in page


def test_ics_download(client):  # type: ignore[no-untyped-def]
    start = datetime(2030, 6, 3, 9, 30, tzinfo=AMS)
    event = EventFactory(
        title="Lancering van Plein",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Raadzaal",
        online_url="https://voorbeeld.nl/live",
        description="Kom **allemaal**",
        description_html=services.render_description("Kom **allemaal**"),
    )
    client.force_login(PersonFactory())
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lancering-van-plein.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Lancering van Plein"
    assert str(item["LOCATION"]) == "Raadzaal"
    assert str(item["URL"]).endswith(event.get_absolute_url())
    assert item["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert item.decoded("DTSTART") == start
    assert item.decoded("DTEND") == start + timedelta(hours=1)
    assert "Kom **allemaal**" in str(item["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")
    again = icalendar.Calendar.from_ical(client.get(reverse("events:ics", args=[event.pk])).content)
    assert str(again.walk("VEVENT")[0]["UID"]) == str(item["UID"])


def test_calendar_feed(client):  # type: ignore[no-untyped-def]
    person = PersonFactory(first_name="Anne", last_name="Jong")
    secret = SpaceFactory(kind="secret")
    membership = MembershipFactory(space=secret, person=person)
    going = EventFactory(title="Going")
    maybe = EventFactory(title="Maybe")
    not_going = EventFactory(title="Not going")
    EventFactory(title="Unanswered")
    EventFactory(title="Organised", organiser=person)
    in_secret = EventFactory(title="Secret", space=secret)
    for event, state in (
        (going, "going"),
        (maybe, "maybe"),
        (not_going, "not"),
        (in_secret, "going"),
    ):
        RSVPFactory(event=event, person=person, state=state)
    feed = services.calendar_feed_get_or_create(person=person)
    url = reverse("events:feed", args=[feed.token])

    response = client.get(url)  # no login
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert titles == {"Going", "Maybe", "Organised", "Secret"}
    assert "Anne" in str(calendar["X-WR-CALNAME"])
    assert "REFRESH-INTERVAL" in calendar

    membership.state = Membership.State.LEFT
    membership.save()
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    assert "Secret" not in {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}

    services.calendar_feed_renew(person=person)
    assert client.get(url).status_code == 404
    assert client.get(reverse("events:feed", args=["nope"])).status_code == 404
    new_url = reverse("events:feed", args=[CalendarFeed.objects.get(person=person).token])
    assert client.get(new_url).status_code == 200
    person.is_active = False
    person.save()
    assert client.get(new_url).status_code == 404


def test_feed_settings_page(client, person):  # type: ignore[no-untyped-def]
    client.force_login(person)
    page = client.get(reverse("events:feed_settings"))
    assert page.status_code == 200 and 'id="feed-make"' in page.content.decode()
    assert not CalendarFeed.objects.exists()
    client.post(reverse("events:feed_settings"), {"action": "renew"})
    token = CalendarFeed.objects.get(person=person).token
    page = client.get(reverse("events:feed_settings")).content.decode()
    assert token in page
    client.post(reverse("events:feed_settings"), {"action": "renew"})
    assert CalendarFeed.objects.get(person=person).token != token
    client.post(reverse("events:feed_settings"), {"action": "stop"})
    assert not CalendarFeed.objects.exists()


def _many_events(count: int) -> None:
    space = SpaceFactory(kind="open")
    closed = SpaceFactory(kind="closed")
    for index in range(count):
        event = EventFactory(space=(None, space, closed)[index % 3])
        RSVPFactory(event=event)


def test_agenda_query_count_is_flat(client, person, django_assert_num_queries):  # type: ignore[no-untyped-def]
    MembershipFactory(space=SpaceFactory(kind="closed"), person=person)
    _many_events(3)
    client.force_login(person)
    url = reverse("events:list")
    client.get(url)
    with django_assert_num_queries(10) as few:
        client.get(url)
    _many_events(15)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 12  # not the closed spaces' ones


def test_agenda_filters_and_past_tab(client, person):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="open", slug="hardloopclub")
    training = EventFactory(title="Training", category="training")
    in_space = EventFactory(title="Rondje", space=space, category="social")
    mine = EventFactory(title="Mijn overleg")
    RSVPFactory(event=mine, person=person)
    past = EventFactory(
        title="Vorige week",
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7, hours=-1),
    )
    client.force_login(person)

    def titles(query: str) -> set[str]:
        response = client.get(reverse("events:list") + query)
        assert response.status_code == 200
        return {e.title for e in response.context["events"]}

    assert titles("") == {training.title, in_space.title, mine.title}
    assert titles("?category=training") == {training.title}
    assert titles("?space=hardloopclub") == {in_space.title}
    assert titles("?mine=on") == {mine.title}
    assert titles("?tab=past") == {past.title}
    partial = client.get(
        reverse("events:list") + "?category=training", headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode()
