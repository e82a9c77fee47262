"""Reading the department race: its settings, whether it is on, and the leaderboard (a fixed
number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.launch.selectors import launch_plan
from plein.people.models import Department, Person

from ..models import Race

RACE_CACHE_KEY = "plein:adoption:race:v1"
BOARD_CACHE_KEY = "plein:adoption:race-board:v1"
BOARD_SECONDS = 5 * 60
DEFAULT_WEEKS = 8


def race_get() -> Race:
    """The race settings (cached; an unsaved default when there is no row)."""
    race = cache.get(RACE_CACHE_KEY)
    if race is None:
        race = (
            Race.objects.select_related("winner", "first_complete")
            .filter(pk=Race.SINGLETON_PK)
            .first()
        ) or Race(pk=Race.SINGLETON_PK)
        cache.set(RACE_CACHE_KEY, race, timeout=60 * 60)
    return race


def race_forget() -> None:
    cache.delete(RACE_CACHE_KEY)
    cache.delete(BOARD_CACHE_KEY)


def launch_period() -> tuple[datetime, datetime] | None:
    """From the launch for PLEIN_RACE_WEEKS weeks; None before the launch or without a date."""
    plan = launch_plan()
    start = plan.launched_at or (plan.launch_date if plan.is_launched else None)
    if start is None:
        return None
    weeks = int(getattr(settings, "PLEIN_RACE_WEEKS", DEFAULT_WEEKS))
    return start, start + timedelta(weeks=weeks)


def race_is_running(race: Race, *, now: datetime | None = None) -> bool:
    """Started by the community manager and neither ended nor decided."""
    now = now or timezone.now()
    if race.announced_at is not None or race.started_at is None:
        return False
    return race.ends_at is None or now < race.ends_at


def race_is_on(race: Race | None = None, *, now: datetime | None = None) -> bool:
    """Whether the race is shown: during the launch period, or while it is running."""
    race = race or race_get()
    now = now or timezone.now()
    if race_is_running(race, now=now):
        return True
    period = launch_period()
    return period is not None and period[0] <= now < period[1]


@dataclass(frozen=True)
class Standing:
    department_id: int
    name: str
    people: int
    complete: int

    @property
    def percentage(self) -> int:
        """Rounded down, so 100% means every profile is complete."""
        return (100 * self.complete) // self.people if self.people else 0

    @property
    def is_complete(self) -> bool:
        return self.people > 0 and self.complete == self.people


def _complete_profile() -> Q:
    """The queryset form of people.selectors.profile_completeness(...).is_complete.

    Every item of COMPLETENESS_ITEMS must be filled in; a test keeps the two in step."""
    skills = Person.skills.through.objects.filter(person_id=OuterRef("pk"))
    interests = Person.interests.through.objects.filter(person_id=OuterRef("pk"))
    return (
        ~Q(photo="")
        & ~Q(job_title="")
        & Q(department__isnull=False)
        & Q(location__isnull=False)
        & ~Q(phone="")
        & ~Q(bio="")
        & Q(Exists(skills))
        & Q(Exists(interests))
    )


def top_level_of() -> tuple[dict[int, int], dict[int, str]]:
    """Each department's top-level department and the top-level departments' names. One query."""
    rows = list(Department.objects.values_list("pk", "parent_id", "name"))
    parents = {pk: parent_id for pk, parent_id, _name in rows}
    names = {pk: name for pk, parent_id, name in rows if parent_id is None}
    top: dict[int, int] = {}
    for pk in parents:
        seen = {pk}
        current = pk
        while parents.get(current) is not None and parents[current] not in seen:
            current = parents[current]  # type: ignore[assignment]
            seen.add(current)
        if current not in names:  # a cycle through bad data: the department stands alone
            names[current] = next(name for p, _parent, name in rows if p == current)
        top[pk] = current
    return top, names


def leaderboard() -> list[Standing]:
    """Active people with a complete profile per top-level department, best first. Two
    queries, whatever the number of people and departments."""
    top, names = top_level_of()
    per_department = (
        Person.objects.filter(is_active=True, department__isnull=False)
        .order_by()
        .values("department_id")
        .annotate(people=Count("pk"), complete=Count("pk", filter=_complete_profile()))
    )
    totals: dict[int, list[int]] = {}
    for row in per_department:
        key = top.get(row["department_id"], row["department_id"])
        counts = totals.setdefault(key, [0, 0])
        counts[0] += row["people"]
        counts[1] += row["complete"]
    board = [
        Standing(pk, names.get(pk, "?"), people, complete)
        for pk, (people, complete) in totals.items()
    ]
    board.sort(key=lambda s: (-s.percentage, -s.complete, s.name.casefold(), s.department_id))
    return board


def leaderboard_cached() -> list[Standing]:
    """The leaderboard, worked out at most every few minutes (the start page asks often)."""
    board = cache.get(BOARD_CACHE_KEY)
    if board is None:
        board = leaderboard()
        cache.set(BOARD_CACHE_KEY, board, BOARD_SECONDS)
    return board


def announcement_text(*, winner: Department, prize: str) -> str:
    """A suggested announcement (in the current language)."""
    text = _(
        "The department race is over: %(department)s was the first to complete their "
        "profiles. Congratulations, and thank you all for filling in your profile!"
    ) % {"department": winner.name}
    if prize:
        text += "\n\n" + _("The prize: %(prize)s") % {"prize": prize}
    return text
