"""Drip-fed tips: the library the community manager keeps, and which tip a person sees today.

How tips are handed out
-----------------------
Every person gets the active tips one at a time, in the library's order, counted from their
first visit to the start page (OnboardingState.started_at, in local time):

- on that first day tip 1, and on each following weekday (Monday to Friday) the next one, so a
  library of 20 tips lasts four working weeks; Saturdays and Sundays bring no new tip;
- a tip stays on the start page for the day; "Got it" puts it away until the next one is due
  (it records `tips_seen` and `tip_dismissed_on`), so there is never more than one new tip a day;
- the schedule follows the calendar: after a week away a person goes on with the tip of that
  day (the ones missed come by again later as tip of the day);
- once every tip has been due, the start page shows a tip of the day that rotates through the
  active tips (one per calendar day, the same for everyone); "Got it" hides it until tomorrow.

The digest e-mail carries a tip of the week: the same rotation, one tip per ISO week.

Texts are Markdown, rendered by plein.posts.markup (markdown-it without raw HTML, then nh3);
"{intranet}" in a title or text becomes the intranet's name. A tip is shown in the active
language: Dutch for nl, English otherwise.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from plein.core.http import AuthenticatedHttpRequest
from plein.core.permissions import require
from plein.core.selectors import branding_get
from plein.core.services import position_move
from plein.people.models import Person
from plein.posts import markup

from .models import OnboardingState, Tip
from .permissions import can_manage_tips
from .services import onboarding_state_for

TIPS_CACHE_KEY = "plein:onboarding:tips:v1"
INTRANET_PLACEHOLDER = "{intranet}"
MAX_TIPS_SEEN = 32767  # PositiveSmallIntegerField


# Texts -------------------------------------------------------------------------------------


def tip_language(language: str | None = None) -> Literal["nl", "en"]:
    """Which of a tip's two texts suits `language` (default: the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "nl" if language.lower().startswith("nl") else "en"


def render_markdown(text: str) -> str:
    """Markdown to safe HTML (mentions are not linked); "{intranet}" is kept for later."""
    return markup.render(text, lambda name: None).html if text.strip() else ""


def with_intranet_name(text: str, *, is_html: bool) -> str:
    if INTRANET_PLACEHOLDER not in text:
        return text
    name = branding_get().intranet_name
    return text.replace(INTRANET_PLACEHOLDER, escape(name) if is_html else name)


def markdown_html(text: str) -> SafeString:
    """Markdown as a page shows it: rendered safely, with the intranet's name filled in."""
    return mark_safe(with_intranet_name(render_markdown(text), is_html=True))  # noqa: S308


@dataclass(frozen=True)
class ShownTip:
    """A tip as one person sees it, in their language."""

    pk: int
    title: str
    html: SafeString
    number: int | None = None  # its place in the person's series; None for a tip of the day
    total: int = 0

    @property
    def text(self) -> str:
        """Plain text, for e-mails."""
        return html.unescape(strip_tags(self.html)).strip()


@dataclass(frozen=True)
class LibraryTip:
    """An active tip with its texts rendered once (kept in the cache)."""

    pk: int
    title_nl: str
    html_nl: str
    title_en: str
    html_en: str

    def shown(
        self, language: str | None = None, *, number: int | None = None, total: int = 0
    ) -> ShownTip:
        lang = tip_language(language)
        title, body = (
            (self.title_nl, self.html_nl) if lang == "nl" else (self.title_en, self.html_en)
        )
        return ShownTip(
            pk=self.pk,
            title=with_intranet_name(title, is_html=False),
            html=mark_safe(with_intranet_name(body, is_html=True)),  # noqa: S308 - nh3-cleaned
            number=number,
            total=total,
        )


# Reads -------------------------------------------------------------------------------------


def active_tips() -> list[LibraryTip]:
    """The active tips in order, rendered; cached, as every start page asks for them."""
    library = cache.get(TIPS_CACHE_KEY)
    if library is None:
        library = [
            LibraryTip(
                pk=tip.pk,
                title_nl=tip.title_nl,
                html_nl=render_markdown(tip.body_nl),
                title_en=tip.title_en,
                html_en=render_markdown(tip.body_en),
            )
            for tip in Tip.objects.filter(is_active=True).order_by("position", "pk")
        ]
        cache.set(TIPS_CACHE_KEY, library, timeout=60 * 60)
    return library


def tips_forget() -> None:
    cache.delete(TIPS_CACHE_KEY)


def weekdays_between(start: date, end: date) -> int:
    """The weekdays (Monday to Friday) after `start`, up to and including `end`."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    extra = sum(1 for offset in range(1, rest + 1) if (start + timedelta(offset)).weekday() < 5)
    return weeks * 5 + extra


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _scheduled_index(state: OnboardingState, today: date) -> int:
    """Which tip (0-based) the schedule gives this person today; beyond the library means
    the tip of the day."""
    return weekdays_between(timezone.localdate(state.started_at), today)


def tip_of_the_day(*, today: date, language: str | None = None) -> ShownTip | None:
    """One tip per calendar day, the same for everyone, rotating through the active tips."""
    library = active_tips()
    if not library:
        return None
    return library[today.toordinal() % len(library)].shown(language)


def tip_of_the_week(*, today: date, language: str | None = None) -> ShownTip | None:
    """One tip per ISO week (Monday to Sunday), the next one each week."""
    library = active_tips()
    if not library:
        return None
    monday = today - timedelta(days=today.weekday())
    return library[(monday.toordinal() // 7) % len(library)].shown(language)


def tip_for_state(
    state: OnboardingState, *, today: date, language: str | None = None
) -> ShownTip | None:
    """The tip this person sees today, or None (put away, or no tips at all)."""
    library = active_tips()
    if not library or state.tip_dismissed_on == today:
        return None
    index = _scheduled_index(state, today)
    if index >= len(library):
        return tip_of_the_day(today=today, language=language)
    if state.tips_seen > index:  # put away on an earlier day; the next one is not due yet
        return None
    return library[index].shown(language, number=index + 1, total=len(library))


def tip_for_person(*, person: Person, now: datetime | None = None) -> ShownTip | None:
    today = timezone.localdate(now)
    return tip_for_state(onboarding_state_for(person=person), today=today)


def tip_widget_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """The start page's "tip" block: one query for the person's onboarding state."""
    return {"tip": tip_for_person(person=request.user)}


def digest_tip(*, now: datetime, previous_digest_at: datetime | None) -> ShownTip | None:
    """The tip of the week for a digest written `now`, in the active language; None when an
    earlier digest this week already carried it (daily digests have it once a week)."""
    today = timezone.localdate(now)
    if previous_digest_at is not None:
        before = timezone.localdate(previous_digest_at)
        if before.isocalendar()[:2] == today.isocalendar()[:2]:
            return None
    return tip_of_the_week(today=today)


@dataclass(frozen=True)
class ManagedTip:
    tip: Tip
    html_nl: SafeString
    html_en: SafeString
    number: int | None

    @property
    def title(self) -> str:
        """The title in the active language."""
        return self.tip.title_nl if tip_language() == "nl" else self.tip.title_en


def tips_for_management() -> list[ManagedTip]:
    """Every tip, active or not, in order, with both texts rendered (one query); `number` is
    the place in everyone's series (inactive tips have none)."""
    rows, number = [], 0
    for tip in Tip.objects.order_by("position", "pk"):
        number += tip.is_active
        rows.append(
            ManagedTip(
                tip=tip,
                html_nl=markdown_html(tip.body_nl),
                html_en=markdown_html(tip.body_en),
                number=number if tip.is_active else None,
            )
        )
    return rows


# Writes ------------------------------------------------------------------------------------


def tip_dismiss(*, person: Person, now: datetime | None = None) -> date:
    """Put today's tip away ("Got it"); returns the day the next tip comes."""
    today = timezone.localdate(now)
    with transaction.atomic():
        onboarding_state_for(person=person)
        state = OnboardingState.objects.select_for_update().get(person=person)
        index = _scheduled_index(state, today)
        state.tips_seen = max(state.tips_seen, min(index + 1, MAX_TIPS_SEEN))
        state.tip_dismissed_on = today
        state.save(update_fields=["tips_seen", "tip_dismissed_on"])
    if index < len(active_tips()):  # still in the series: the next one comes on a weekday
        return _next_weekday(today)
    return today + timedelta(days=1)


def _changed() -> None:
    tips_forget()  # this request sees the change, and after commit every other one
    transaction.on_commit(tips_forget)


def _texts(title_nl: str, body_nl: str, title_en: str, body_en: str) -> dict[str, str]:
    return {
        "title_nl": " ".join(title_nl.split()),
        "body_nl": body_nl.strip(),
        "title_en": " ".join(title_en.split()),
        "body_en": body_en.strip(),
    }


def tip_create(
    *,
    by: Person,
    title_nl: str,
    body_nl: str,
    title_en: str,
    body_en: str,
    is_active: bool = True,
) -> Tip:
    """Add a tip at the end of the library."""
    require(can_manage_tips(by))
    with transaction.atomic():
        last = Tip.objects.select_for_update().aggregate(last=Max("position"))["last"]
        tip = Tip(
            **_texts(title_nl, body_nl, title_en, body_en),
            is_active=is_active,
            position=0 if last is None else last + 1,
        )
        tip.full_clean()
        tip.save()
        _changed()
    return tip


def tip_update(
    *, by: Person, tip: Tip, title_nl: str, body_nl: str, title_en: str, body_en: str
) -> Tip:
    require(can_manage_tips(by))
    for field, value in _texts(title_nl, body_nl, title_en, body_en).items():
        setattr(tip, field, value)
    tip.full_clean()
    with transaction.atomic():
        tip.save(update_fields=["title_nl", "body_nl", "title_en", "body_en", "updated_at"])
        _changed()
    return tip


def tip_set_active(*, by: Person, tip: Tip, is_active: bool) -> Tip:
    """Show a tip again, or take it out of the series (it keeps its place in the list)."""
    require(can_manage_tips(by))
    with transaction.atomic():
        tip.is_active = is_active
        tip.save(update_fields=["is_active", "updated_at"])
        _changed()
    return tip


def tip_move(*, by: Person, tip: Tip, direction: Literal["up", "down"]) -> None:
    """Swap a tip with its neighbour above or below; positions become 0..n-1."""
    require(can_manage_tips(by))
    with transaction.atomic():
        position_move(Tip.objects.all(), pk=tip.pk, direction=direction)
        _changed()


def tip_delete(*, by: Person, tip: Tip) -> None:
    require(can_manage_tips(by))
    with transaction.atomic():
        tip.delete()
        _changed()
