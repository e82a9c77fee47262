"""Every change to start page layouts, quick links and celebrations goes through here."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.registries import widgets
from plein.people.models import Person

from . import permissions, selectors
from .models import Celebrations, DefaultLayout, PersonalLayout, QuickLink

MOVES = {"up": -1, "down": 1}


def _changed(pairs: list[tuple[str, bool]], *, key: str, action: str) -> list[tuple[str, bool]]:
    """The layout after one action on one widget: show, hide, up or down."""
    keys = [k for k, _shown in pairs]
    if widgets.get(key) is None or key not in keys:
        raise ValidationError(_("There is no such block on the start page."))
    index = keys.index(key)
    pairs = list(pairs)
    if action in ("show", "hide"):
        pairs[index] = (key, action == "show")
    elif action in MOVES:
        other = index + MOVES[action]
        if 0 <= other < len(pairs):
            pairs[index], pairs[other] = pairs[other], pairs[index]
    else:
        raise ValidationError(_("That is not something you can do with a block."))
    return pairs


def _as_json(pairs: list[tuple[str, bool]]) -> list[list[object]]:
    return [[key, shown] for key, shown in pairs]


@transaction.atomic
def personal_layout_change(*, person: Person, key: str, action: str) -> list[tuple[str, bool]]:
    """Show, hide or move one block on the person's own start page."""
    row, _created = PersonalLayout.objects.select_for_update().get_or_create(person=person)
    current = [(p.widget.key, p.shown) for p in selectors.layout_for(person, row)]
    pairs = _changed(current, key=key, action=action)
    row.layout = _as_json(pairs)
    row.save(update_fields=["layout"])
    return pairs


@transaction.atomic
def personal_layout_reset(*, person: Person) -> None:
    """Back to the organisation's default arrangement."""
    PersonalLayout.objects.filter(person=person).update(layout=[])


@transaction.atomic
def default_layout_change(*, by: Person, key: str, action: str) -> list[tuple[str, bool]]:
    if not permissions.can_change_default(by):
        raise PermissionDenied
    row, _created = DefaultLayout.objects.select_for_update().get_or_create(pk=1)
    pairs = _changed(selectors.default_layout(), key=key, action=action)
    row.layout = _as_json(pairs)
    row.save(update_fields=["layout", "updated_at"])
    return pairs


@transaction.atomic
def start_hint_dismiss(*, person: Person) -> None:
    row, _created = PersonalLayout.objects.get_or_create(person=person)
    if row.hint_dismissed_at is None:
        row.hint_dismissed_at = timezone.now()
        row.save(update_fields=["hint_dismissed_at"])


def _require_manager(by: Person) -> None:
    if not permissions.can_change_default(by):
        raise PermissionDenied


@transaction.atomic
def quick_link_save(
    *, by: Person, title: str, url: str, description: str = "", link: QuickLink | None = None
) -> QuickLink:
    _require_manager(by)
    link = link or QuickLink(position=(QuickLink.objects.count() + 1) * 10)
    link.title = " ".join(title.split())
    link.url = url.strip()
    link.description = " ".join(description.split())
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def quick_link_delete(*, by: Person, link: QuickLink) -> None:
    _require_manager(by)
    link.delete()


@transaction.atomic
def quick_link_move(*, by: Person, link: QuickLink, direction: str) -> None:
    """Swap a link with its neighbour above or below, renumbering all so positions stay unique."""
    _require_manager(by)
    links = list(QuickLink.objects.select_for_update())
    index = next(i for i, other in enumerate(links) if other.pk == link.pk)
    other = index + MOVES.get(direction, 0)
    if 0 <= other < len(links):
        links[index], links[other] = links[other], links[index]
    for position, each in enumerate(links, start=1):
        QuickLink.objects.filter(pk=each.pk).update(position=position * 10)


@transaction.atomic
def celebrations_update(
    *,
    person: Person,
    birth_day: int | None,
    birth_month: int | None,
    started_on: date | None,
    share: bool,
) -> Celebrations:
    """What a person shares about their birthday (day and month, never the year) and their
    first working day."""
    if (birth_day is None) != (birth_month is None):
        raise ValidationError({"birth_day": _("Give both the day and the month, or neither.")})
    if birth_day is not None and birth_month is not None:
        try:
            date(2000, birth_month, birth_day)  # a leap year: 29 February exists
        except ValueError:
            raise ValidationError({"birth_day": _("That day does not exist.")}) from None
    if started_on is not None and started_on > timezone.localdate():
        raise ValidationError({"started_on": _("That date is still to come.")})
    row, _created = Celebrations.objects.get_or_create(person=person)
    row.birth_day = birth_day
    row.birth_month = birth_month
    row.started_on = started_on
    row.share = share
    row.full_clean()
    row.save()
    return row
