"""Reads for the start page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from plein.core.registries import widgets
from plein.people.models import Person
from plein.people.permissions import User, visible_people

from .models import DefaultLayout, PersonalLayout, QuickLink

MAX_QUICK_LINKS = 12
MAX_CELEBRATIONS = 10


@dataclass(frozen=True)
class Placed:
    widget: widgets.Widget
    shown: bool
    order: int


def _clean(layout: object) -> list[tuple[str, bool]]:
    """A stored layout as (key, shown) pairs of known widgets, each once."""
    pairs: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for item in layout if isinstance(layout, list) else []:
        if isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[0], str):
            key, shown = item[0], bool(item[1])
            if widgets.get(key) is not None and key not in seen:
                seen.add(key)
                pairs.append((key, shown))
    return pairs


def default_layout() -> list[tuple[str, bool]]:
    row = DefaultLayout.objects.filter(pk=1).first()
    return _complete(_clean(row.layout if row else []))


def _complete(pairs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Widgets the layout does not name yet come after it, as the widget says."""
    named = {key for key, _shown in pairs}
    return pairs + [(w.key, w.shown) for w in widgets.all_widgets() if w.key not in named]


def personal_row(person: Person) -> PersonalLayout | None:
    return PersonalLayout.objects.filter(person=person).first()


def layout_for(person: Person, row: PersonalLayout | None = None) -> list[Placed]:
    """The person's own arrangement, or the organisation's default."""
    pairs = _clean(row.layout) if row is not None else []
    pairs = _complete(pairs) if pairs else default_layout()
    return [
        Placed(widget, shown, order)
        for order, (key, shown) in enumerate(pairs)
        if (widget := widgets.get(key)) is not None
    ]


def quick_links() -> list[QuickLink]:
    return list(QuickLink.objects.all()[:MAX_QUICK_LINKS])


@dataclass(frozen=True)
class Celebration:
    person: Person
    birthday: bool
    years: int  # years in service today (0 when it is a birthday only)


def celebrations_today(user: User, today: date | None = None) -> list[Celebration]:
    """Colleagues who share their birthday or work anniversary and have one today."""
    today = today or timezone.localdate()
    people = (
        visible_people(user)
        .filter(is_active=True, celebrations__share=True)
        .filter(
            Q(celebrations__birth_month=today.month, celebrations__birth_day=today.day)
            | Q(
                celebrations__started_on__month=today.month,
                celebrations__started_on__day=today.day,
                celebrations__started_on__year__lt=today.year,
            )
        )
        .select_related("celebrations", "department")
        .order_by("first_name", "last_name", "pk")[:MAX_CELEBRATIONS]
    )
    found = []
    for person in people:
        mine = person.celebrations
        birthday = (mine.birth_month, mine.birth_day) == (today.month, today.day)
        started = mine.started_on
        years = (
            today.year - started.year
            if started and (started.month, started.day) == (today.month, today.day)
            else 0
        )
        found.append(Celebration(person, birthday, years))
    return found
