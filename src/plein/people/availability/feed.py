"""Reading a published calendar (ICS) for absences.

Fetching: by plein.core.fetch, the rule for every address a person types (http(s) only, never
this machine or the cloud metadata service, checked again for every redirect; private ranges
allowed, where an organisation's own calendar server lives); webcal:// is read as https://; at
most MAX_BYTES with a TIMEOUT.

What counts as away (the days from today up to WEEKS ahead; recurring events are not expanded,
only their own first occurrence is read):

- a VFREEBUSY period of type BUSY-UNAVAILABLE;
- a VEVENT marked out of office (X-MICROSOFT-CDO-BUSYSTATUS:OOF, as Outlook publishes it);
- an all-day VEVENT that keeps you busy: not TRANSP:TRANSPARENT and not marked free, tentative
  or working elsewhere.

Cancelled events never count. A timed period counts only when it lasts at least MIN_HOURS, and
then for every day of which it covers at least MIN_HOURS: an afternoon off is not an absence,
a week away is. Periods that overlap or follow each other are joined.
"""

from __future__ import annotations

import urllib.error
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from icalendar import Calendar

from plein.core.fetch import Unresolvable, UnsafeAddress
from plein.core.fetch import fetch as safe_fetch

TIMEOUT = 10
MAX_BYTES = 2 * 1024 * 1024
WEEKS = 8
MIN_HOURS = 4
USER_AGENT = "Plein availability"
NOT_AWAY = {"FREE", "TENTATIVE", "WORKINGELSEWHERE"}


class FeedError(Exception):
    """A reading that failed; `code` is stored and explained to the person (see views)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- Fetching ---------------------------------------------------------------------------------


def web_address(url: str) -> str:
    """webcal:// (how calendars are often shared) is https://."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        return "https://" + url[len("webcal://") :]
    return url


def fetch(url: str) -> bytes:
    """The calendar's bytes, or FeedError with a code: refused, unreachable, http-NNN, too-large."""
    try:
        data = safe_fetch(
            web_address(url),
            accept="text/calendar",
            user_agent=USER_AGENT,
            timeout=TIMEOUT,
            max_bytes=MAX_BYTES,
        )
    except Unresolvable as error:
        raise FeedError("unreachable") from error
    except UnsafeAddress as error:
        raise FeedError("refused") from error
    except urllib.error.HTTPError as error:
        raise FeedError(f"http-{error.code}") from error
    except (OSError, ValueError) as error:  # URLError, timeouts, refused connections, bad URLs
        raise FeedError("unreachable") from error
    if len(data) > MAX_BYTES:
        raise FeedError("too-large")
    return data


# --- Reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: date | datetime
    end: date | datetime


def _local(value: datetime) -> datetime:
    if timezone.is_naive(value):  # floating time: the organisation's own
        return timezone.make_aware(value)
    return timezone.localtime(value)


def _days(span: _Span) -> tuple[date, date] | None:
    """The first and last day a span keeps someone away, or None when it is too short."""
    start, end = span.start, span.end
    if not isinstance(start, datetime) and not isinstance(end, datetime):
        return (start, end - timedelta(days=1)) if end > start else (start, start)
    if not (isinstance(start, datetime) and isinstance(end, datetime)):
        return None
    start, end = _local(start), _local(end)
    least = timedelta(hours=MIN_HOURS)
    if end - start < least:
        return None
    # A day counts when the period covers at least MIN_HOURS of it: a period published in UTC
    # that ends at 01:00 local time does not take the next day too.
    first = start.date()
    if _midnight_after(start) - start < least:
        first += timedelta(days=1)
    last = end.date()
    if end - _midnight_after(end) + timedelta(days=1) < least:
        last -= timedelta(days=1)
    return (first, last) if first <= last else None


def _midnight_after(moment: datetime) -> datetime:
    next_day = moment.date() + timedelta(days=1)
    return timezone.make_aware(datetime(next_day.year, next_day.month, next_day.day))


def _event_span(event: Any) -> _Span | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED" or "DTSTART" not in event:
        return None
    start = event.decoded("DTSTART")
    busy = str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper()
    if busy != "OOF":
        all_day = not isinstance(start, datetime)
        transparent = str(event.get("TRANSP", "")).upper() == "TRANSPARENT"
        if not all_day or transparent or busy in NOT_AWAY:
            return None
    if "DTEND" in event:
        end = event.decoded("DTEND")
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    else:
        end = start if isinstance(start, datetime) else start + timedelta(days=1)
    return _Span(start, end)


def _free_busy_spans(component: Any) -> list[_Span]:
    values = component.get("FREEBUSY", [])
    spans = []
    for value in values if isinstance(values, list) else [values]:
        if str(value.params.get("FBTYPE", "BUSY")).upper() != "BUSY-UNAVAILABLE":
            continue
        start, end = value.dt
        spans.append(_Span(start, end if isinstance(end, datetime) else start + end))
    return spans


def _join(periods: list[tuple[date, date]]) -> list[tuple[date, date]]:
    joined: list[tuple[date, date]] = []
    for first, last in sorted(periods):
        if joined and first <= joined[-1][1] + timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def absences_in(data: bytes, *, today: date | None = None) -> list[tuple[date, date]]:
    """The periods (first day, last day) away from today up to WEEKS ahead, joined."""
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError and friends on anything odd
        raise FeedError("not-a-calendar") from error
    today = today or timezone.localdate()
    until = today + timedelta(weeks=WEEKS)
    periods = []
    for component in calendar.walk():
        try:
            if component.name == "VEVENT":
                spans = [span] if (span := _event_span(component)) else []
            elif component.name == "VFREEBUSY":
                spans = _free_busy_spans(component)
            else:
                continue
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # one broken entry does not spoil the rest
        for span in spans:
            days = _days(span)
            if days and days[1] >= today and days[0] <= until:
                periods.append((max(days[0], today), min(days[1], until)))
    return _join(periods)
