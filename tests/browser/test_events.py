"""The agenda in Chromium: plan an event, answer it (htmx), land on the waiting list, download
the .ics, see the attendee list, cancel it, and make and revoke a calendar feed address."""

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from plein.events.models import RSVP, CalendarFeed, Event
from plein.events.tests.factories import EventFactory, RSVPFactory
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_answer_download_and_cancel(visitor):  # type: ignore[no-untyped-def]
    editor = PersonFactory(email="redactie@example.org", roles=["editor"])
    colleague = PersonFactory(email="anne@example.org")
    page = visitor.page
    day = timezone.localdate() + timedelta(days=3)

    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit("/agenda/")
    page.click("#event-create")
    page.wait_for_url(visitor.url("/agenda/new/"))
    visitor.check_accessibility()
    page.fill("#id_title", "Training: werken met Plein")
    page.select_option("#id_category", "training")
    page.fill("#id_start_date", f"{day:%Y-%m-%d}")
    page.fill("#id_start_time", "10:00")
    page.fill("#id_end_time", "09:00")  # before the start: refused, nothing lost
    page.fill("#id_capacity", "1")
    page.click("#event-save")
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    assert page.input_value("#id_title") == "Training: werken met Plein"
    assert not Event.objects.exists()
    page.fill("#id_end_time", "11:30")
    page.fill("#id_location", "Raadhuis, zaal 2.14")
    page.click("#event-save")
    page.wait_for_selector("#event-title")
    event = Event.objects.get()
    assert page.url == visitor.url(f"/agenda/{event.pk}/")
    visitor.check_accessibility()

    page.click("#rsvp-going")
    page.wait_for_selector('#rsvp-state[data-state="going"]')
    visitor.check_accessibility()
    assert RSVP.objects.get(event=event, person=editor).state == "going"

    with page.expect_download() as download_info:
        page.click("#event-ics")
    download = download_info.value
    assert download.suggested_filename == "training-werken-met-plein.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Training: werken met Plein"
    response = page.request.get(visitor.url(f"/agenda/{event.pk}/event.ics"))
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment;")

    page.context.clear_cookies()
    visitor.log_in(colleague.email, DEFAULT_PASSWORD)
    visitor.visit("/agenda/")
    page.click(f"#event-{event.pk}-title a")
    page.wait_for_selector("#rsvp-going")
    page.click("#rsvp-going")
    page.wait_for_selector('#rsvp-state[data-state="waitlisted"]')
    visitor.check_accessibility()
    assert page.locator("#event-attendees").count() == 0
    visitor.visit("/agenda/?mine=on")
    assert page.locator(f"#event-{event.pk}-title").count() == 1

    page.context.clear_cookies()
    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit(f"/agenda/{event.pk}/")
    assert colleague.full_name in page.inner_text("#attendees-waiting")
    page.click("#event-cancel")
    page.wait_for_selector("#event-cancel-confirm")
    visitor.check_accessibility()
    page.click("#event-cancel-confirm")
    page.wait_for_selector("#event-cancelled")
    visitor.check_accessibility()
    assert Event.objects.get().cancelled_at is not None


def test_past_tab_and_filters(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(email="anne@example.org")
    EventFactory(title="Cursus Omgevingswet", category="training")
    EventFactory(title="Vrijdagmiddagborrel", category="social")
    past = EventFactory(
        title="Kennismakingsochtend",
        starts_at=timezone.now() - timedelta(days=6),
        ends_at=timezone.now() - timedelta(days=6) + timedelta(hours=2),
    )
    RSVPFactory(event=past, person=person)
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/agenda/")
    assert page.locator(".event-card").count() == 2
    page.select_option("#id_category", "training")
    page.wait_for_url("**category=training**")
    visitor.wait_until("document.querySelectorAll('.event-card').length === 1")
    visitor.check_accessibility()
    visitor.visit("/agenda/?tab=past")
    assert page.locator(".event-card").count() == 1
    visitor.visit(f"/agenda/{past.pk}/")
    assert page.locator("#rsvp-going").count() == 0


def test_calendar_feed_make_use_and_revoke(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(email="anne@example.org")
    event = EventFactory(title="Lancering van Plein", category="launch")
    RSVPFactory(event=event, person=person, state="maybe")
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/agenda/")
    page.click("#event-feed-settings")
    page.wait_for_selector("#feed-make")
    visitor.check_accessibility()
    page.click("#feed-make")
    page.wait_for_selector("#feed-url")
    visitor.check_accessibility()
    address = page.input_value("#feed-url")
    assert address.endswith(f"/agenda/feed/{CalendarFeed.objects.get().token}.ics")

    page.context.clear_cookies()  # calendar apps do not log in
    response = page.request.get(address)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.body())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Lancering van Plein"]

    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/agenda/calendar/")
    page.click("#feed-renew")
    page.wait_for_selector("#feed-url")
    visitor.check_accessibility()
    assert page.input_value("#feed-url") != address
    assert page.request.get(address).status == 404
    page.click("#feed-stop")
    page.wait_for_selector("#feed-make")
    assert not CalendarFeed.objects.exists()
