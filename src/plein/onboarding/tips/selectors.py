"""Reading tips: the library, and which tip a person sees today (see the package's docstring
for how tips are handed out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString

from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person

from ..models import OnboardingState, Tip
from ..services import onboarding_state_for
from .texts import LibraryTip, ShownTip, markdown_html, render_markdown, tip_language

TIPS_CACHE_KEY = "plein:onboarding:tips:v1"


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


def scheduled_index(state: OnboardingState, today: date) -> int:
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
    index = scheduled_index(state, today)
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
