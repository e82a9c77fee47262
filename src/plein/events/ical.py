"""Events as iCalendar (RFC 5545), written with the `icalendar` library.

Times are written with TZID=Europe/Amsterdam (the VTIMEZONE is included), all-day events as
dates. The UID is stable per event (one per occurrence of a series), so a calendar app updates
the event it already has instead of adding a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from plein.core.paths import absolute_url

from .models import Event
from .services import local_zone

PRODID = "-//Plein//Agenda//EN"


def uid(event: Event) -> str:
    host = urlsplit(str(settings.PLEIN_SITE_URL)).hostname or "plein"
    return f"event-{event.pk}@{host}"


def _event(event: Event) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid(event))
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("last-modified", event.updated_at or timezone.now())
    item.add("created", event.created_at)
    if event.all_day:
        start = timezone.localtime(event.starts_at, local_zone()).date()
        end = timezone.localtime(event.ends_at - timedelta(microseconds=1), local_zone()).date()
        item.add("dtstart", start)
        item.add("dtend", end + timedelta(days=1))
    else:
        item.add("dtstart", timezone.localtime(event.starts_at, local_zone()))
        item.add("dtend", timezone.localtime(event.ends_at, local_zone()))
    item.add("summary", event.title)
    link = absolute_url(event.get_absolute_url())
    parts = [p for p in (event.description, event.online_url, link) if p]
    item.add("description", "\n\n".join(parts))
    location = event.location or event.online_url
    if location:
        item.add("location", location)
    item.add("url", link)
    item.add("categories", [event.get_category_display()])
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    if event.organiser_id:
        organiser = icalendar.vCalAddress(f"mailto:{event.organiser.email}")
        organiser.params["cn"] = icalendar.vText(event.organiser.full_name)
        item.add("organizer", organiser)
    return item


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    # Refresh hints: Outlook reads X-PUBLISHED-TTL, others REFRESH-INTERVAL (RFC 7986).
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for event in events:
        cal.add_component(_event(event))
    cal.add_missing_timezones()
    return cal.to_ical()
