"""Reading a published calendar: what counts as away, and fetching it safely (a loopback server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from plein.core import fetch
from plein.people.availability import feed, tasks
from plein.people.models import Absence, AbsenceFeed

from .factories import PersonFactory

TODAY = date(2026, 12, 7)  # a Monday


def ics(*parts: str) -> bytes:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//NL", *parts])
    return (body + "\r\nEND:VCALENDAR\r\n").encode()


def event(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VEVENT", "UID:x", *lines, "END:VEVENT"])


def d(day: int) -> date:
    return date(2026, 12, day)


def test_out_of_office_and_all_day_busy_events_count_and_join() -> None:
    data = ics(
        # Outlook: out of office, in UTC, Tuesday 08:00 to Thursday 17:00 Amsterdam.
        event(
            "DTSTART:20261208T070000Z",
            "DTEND:20261210T160000Z",
            "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
        ),
        # All day, busy, Friday: joins the Tuesday to Thursday period.
        event("DTSTART;VALUE=DATE:20261211", "DTEND;VALUE=DATE:20261212", "SUMMARY:Vrij"),
        # All day but free (a birthday), tentative, transparent or cancelled: not away.
        event("DTSTART;VALUE=DATE:20261215", "TRANSP:TRANSPARENT", "SUMMARY:Jarig"),
        event("DTSTART;VALUE=DATE:20261216", "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE"),
        event("DTSTART;VALUE=DATE:20261217", "STATUS:CANCELLED"),
        # A timed busy meeting is no absence; a short OOF (2 hours) neither.
        event("DTSTART:20261218T090000Z", "DTEND:20261218T170000Z", "SUMMARY:Heidag"),
        event(
            "DTSTART:20261221T120000Z",
            "DTEND:20261221T140000Z",
            "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
        ),
    )

    assert feed.absences_in(data, today=TODAY) == [(d(8), d(11))]


def test_free_busy_unavailable_periods_count_without_the_night_after() -> None:
    data = ics(
        "BEGIN:VFREEBUSY",
        # Monday 00:00 UTC to Saturday 00:00 UTC is 01:00 to 01:00 in Amsterdam: Mon to Fri.
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261214T000000Z/20261219T000000Z",
        "FREEBUSY;FBTYPE=BUSY:20261221T080000Z/PT10H",
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261228T080000Z/PT8H",
        "END:VFREEBUSY",
    )

    assert feed.absences_in(data, today=TODAY) == [(d(14), d(18)), (d(28), d(28))]


def test_only_the_coming_weeks_count_and_the_past_is_cut_off() -> None:
    data = ics(
        event("DTSTART;VALUE=DATE:20261201", "DTEND;VALUE=DATE:20261209"),  # until Tuesday
        event("DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270305"),  # too far ahead
    )

    assert feed.absences_in(data, today=TODAY) == [(TODAY, d(8))]


def test_something_else_than_a_calendar_is_an_error() -> None:
    with pytest.raises(feed.FeedError) as caught:
        feed.absences_in(b"<html>Sign in</html>", today=TODAY)
    assert caught.value.code == "not-a-calendar"


def test_webcal_addresses_are_read_as_https_and_other_schemes_are_refused() -> None:
    assert feed.web_address(" webcal://cal.example.org/a.ics") == "https://cal.example.org/a.ics"
    for url in ("file:///etc/passwd", "ftp://example.org/a.ics", "http://127.0.0.1:9/a.ics"):
        with pytest.raises(feed.FeedError) as caught:
            feed.fetch(url)
        assert caught.value.code == "refused"


# --- Fetching from a loopback server -----------------------------------------------------------


class _Calendar(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        if self.path == "/missing.ics":
            self.send_error(404)
            return
        if self.path == "/moved.ics":
            self.send_response(302)
            self.send_header("Location", "/calendar.ics")
            self.end_headers()
            return
        body = b"x" * (feed.MAX_BYTES + 10) if self.path == "/huge.ics" else self.body
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Calendar)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test server is on this machine, which the feed refuses on purpose."""
    monkeypatch.setattr(fetch, "forbidden", lambda address: False)


@pytest.mark.django_db
@pytest.mark.usefixtures("loopback_allowed")
def test_the_hourly_job_reads_every_calendar_and_records_problems(server: str) -> None:
    start = timezone.localdate() + timedelta(days=2)
    _Calendar.body = ics(
        event(
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start + timedelta(days=3):%Y%m%d}",
        )
    )
    good = AbsenceFeed.objects.create(person=PersonFactory(), url=f"{server}/moved.ics")
    missing = AbsenceFeed.objects.create(person=PersonFactory(), url=f"{server}/missing.ics")
    huge = AbsenceFeed.objects.create(person=PersonFactory(), url=f"{server}/huge.ics")

    assert tasks.absence_feeds_read.call() == 1

    absence = Absence.objects.get(person=good.person)
    assert (absence.first_day, absence.last_day, absence.source) == (
        start,
        start + timedelta(days=2),
        "calendar",
    )
    for row, error in ((good, ""), (missing, "http-404"), (huge, "too-large")):
        row.refresh_from_db()
        assert row.last_fetched_at is not None
        assert row.last_error == error


def test_an_unreachable_server_is_reported(loopback_allowed: None) -> None:
    with pytest.raises(feed.FeedError) as caught:
        feed.fetch("http://127.0.0.1:9/closed.ics")  # the discard port: nothing listens
    assert caught.value.code == "unreachable"


def test_the_job_runs_a_quarter_past_every_hour() -> None:
    now = timezone.make_aware(timezone.datetime(2026, 12, 7, 10, 20))
    assert tasks.next_feeds_run(now) == now.replace(hour=11, minute=15)
    assert tasks.next_feeds_run(now.replace(minute=5)) == now.replace(minute=15)
    assert tasks.FEEDS.cron() == "15 * * * *"
