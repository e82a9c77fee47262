"""The nightly roll-ups: raw usage events → PersonDay → GroupDay, and pruning what is old.

`rollup_day(day)` can be run again for any day: it replaces that day's rows. Everything is
computed with a handful of set-based queries whatever the number of people (no query per person
or per group): the events of the day are counted per person and kind in the database, the 28
days up to the day are aggregated per person in the database, and the (at most one row per
person) results are put into groups in Python.

Which group someone is in is taken from their profile when the roll-up runs (department and
location as they are, manager when they have active reports), the same for the people counted
and for their activity, so no group can have more active people than people. PersonDay keeps
that snapshot too, for looking back.

Active on a day: any usage event that day other than being nudged. Over 28 days, a person is a
creator (created something), else a responder (commented, reacted, voted, answered, confirmed),
else a reader (only visited, viewed or searched): the 90-9-1 split.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext

from plein.ambassadors.models import Ambassador
from plein.people.models import Department, Location, Person
from plein.people.roles import EMPLOYEE_LABEL, ROLES
from plein.people.selectors import COMPLETENESS_ITEMS

from .models import CREATING, RESPONDING, GroupDay, Kind, PersonDay, UsageEvent

logger = logging.getLogger(__name__)

WEEK_DAYS = 7
MONTH_DAYS = 28
NONE_KEY = "none"  # people without a department or location
MANAGER_KEY = "manager"
AMBASSADOR_KEY = "ambassador"
EMPLOYEE_KEY = "employee"  # people with no other role


def raw_days() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_RAW_DAYS", 90))


def person_days() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_PERSON_DAYS", 400))


def min_group() -> int:
    return int(getattr(settings, "PLEIN_ADOPTION_MIN_GROUP", 5))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start of `day` and of the next, in local time."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return start, end


# --- People -----------------------------------------------------------------------------------


@dataclass
class Member:
    pk: int
    department_id: int | None
    location_id: int | None
    activated: bool
    is_manager: bool = False
    profile_complete: bool = False
    roles: tuple[str, ...] = ()


def _complete_profiles() -> QuerySet[Person]:
    """The people whose profile is complete, by the items of people.selectors, in one query."""
    condition = Q()
    for key, _label in COMPLETENESS_ITEMS:
        if key in ("skills", "interests"):
            through = Person._meta.get_field(key).remote_field.through  # type: ignore[union-attr]
            condition &= Q(Exists(through.objects.filter(person_id=OuterRef("pk"))))
        elif key in ("department", "location"):
            condition &= Q(**{f"{key}__isnull": False})
        else:
            condition &= ~Q(**{key: ""})
    return Person.objects.filter(condition)


def _managers() -> set[int]:
    """People with at least one active report."""
    return set(
        Person.objects.filter(is_active=True, manager__isnull=False)
        .values_list("manager_id", flat=True)
        .distinct()
    )


def members(day: date) -> dict[int, Member]:
    """Everyone with an account that was active on `day`, with their groups (a few queries)."""
    _start, end = day_bounds(day)
    people = Person.objects.filter(date_joined__lt=end).filter(
        Q(is_active=True) | Q(deactivated_at__gte=end)
    )
    found = {
        pk: Member(pk, department_id, location_id, last_login is not None)
        for pk, department_id, location_id, last_login in people.values_list(
            "pk", "department_id", "location_id", "last_login"
        )
    }
    for pk in _managers() & found.keys():
        found[pk].is_manager = True
    for pk in _complete_profiles().filter(pk__in=people).values_list("pk", flat=True):
        found[pk].profile_complete = True
    roles: dict[int, list[str]] = defaultdict(list)
    role_keys = [role.key for role in ROLES]
    for pk, name in people.filter(groups__name__in=role_keys).values_list("pk", "groups__name"):
        roles[pk].append(name)
    for pk in Ambassador.objects.filter(person__in=people).values_list("person_id", flat=True):
        roles[pk].append(AMBASSADOR_KEY)
    for pk, member in found.items():
        held = roles.get(pk, [])
        if member.is_manager:
            held.append(MANAGER_KEY)
        member.roles = tuple(held) if held else (EMPLOYEE_KEY,)
    return found


# --- PersonDay --------------------------------------------------------------------------------


def _kind_in(kinds: Iterable[str]) -> Q:
    return Q(kind__in=[str(kind) for kind in kinds])


def build_person_days(day: date, people: dict[int, Member]) -> int:
    """Replace the PersonDay rows of `day` from its usage events; returns how many."""
    start, end = day_bounds(day)
    counts = (
        UsageEvent.objects.filter(at__gte=start, at__lt=end)
        .values("person_id")
        .annotate(
            visits=Count("id", filter=Q(kind=Kind.VISIT)),
            views=Count("id", filter=Q(kind__in=[Kind.VIEW, Kind.SEARCH])),
            created=Count("id", filter=_kind_in(CREATING)),
            responded=Count("id", filter=_kind_in(RESPONDING)),
            nudged=Count("id", filter=Q(kind=Kind.NUDGE)),
        )
        .order_by()
    )
    rows = []
    for row in counts:
        member = people.get(row["person_id"])
        rows.append(
            PersonDay(
                day=day,
                person_id=row["person_id"],
                department_id=member.department_id if member else None,
                location_id=member.location_id if member else None,
                is_manager=member.is_manager if member else False,
                visits=row["visits"],
                views=row["views"],
                created=row["created"],
                responded=row["responded"],
                nudged=row["nudged"],
            )
        )
    PersonDay.objects.filter(day=day).delete()
    PersonDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- GroupDay ---------------------------------------------------------------------------------


@dataclass
class Activity:
    """One person's activity over the 28 days up to a day."""

    day: bool = False
    week: bool = False
    month: bool = False
    created: bool = False
    responded: bool = False
    nudged: bool = False


def activity(day: date) -> dict[int, Activity]:
    """Per person, from PersonDay over the 28 days up to `day`: one aggregate query."""
    active = ~Q(visits=0, views=0, created=0, responded=0) | Q(nudged=0)
    rows = (
        PersonDay.objects.filter(day__gt=day - timedelta(days=MONTH_DAYS), day__lte=day)
        .values("person_id")
        .annotate(
            last_active=Max("day", filter=active),
            created_sum=Sum("created"),
            responded_sum=Sum("responded"),
            nudged_sum=Sum("nudged"),
        )
        .order_by()
    )
    week_start = day - timedelta(days=WEEK_DAYS - 1)
    found = {}
    for row in rows:
        last = row["last_active"]
        found[row["person_id"]] = Activity(
            day=last == day,
            week=last is not None and last >= week_start,
            month=last is not None,
            created=bool(row["created_sum"]),
            responded=bool(row["responded_sum"]),
            nudged=bool(row["nudged_sum"]),
        )
    return found


@dataclass
class Tally:
    people: int = 0
    activated: int = 0
    active_day: int = 0
    active_week: int = 0
    active_month: int = 0
    creators: int = 0
    responders: int = 0
    readers: int = 0
    profiles_complete: int = 0
    nudged: int = 0
    managers_taking_part: int = 0

    def add(self, member: Member, done: Activity | None) -> None:
        self.people += 1
        self.activated += member.activated
        self.profiles_complete += member.profile_complete
        if done is None:
            return
        self.active_day += done.day
        self.active_week += done.week
        self.active_month += done.month
        self.nudged += done.nudged
        if member.is_manager and (done.created or done.responded):
            self.managers_taking_part += 1
        if done.month:
            if done.created:
                self.creators += 1
            elif done.responded:
                self.responders += 1
            else:
                self.readers += 1

    def merge(self, other: Tally) -> None:
        for name in self.figures():
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, int]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def _labels() -> dict[str, dict[str, str]]:
    with translation.override(settings.LANGUAGE_CODE):
        roles = {role.key: str(role.label) for role in ROLES}
        roles[MANAGER_KEY] = gettext("Manager")
        roles[AMBASSADOR_KEY] = gettext("Ambassador")
        roles[EMPLOYEE_KEY] = str(EMPLOYEE_LABEL)
        return {
            GroupDay.Dimension.ALL: {"all": gettext("Everyone")},
            GroupDay.Dimension.DEPARTMENT: {
                NONE_KEY: gettext("No department"),
                **{str(pk): name for pk, name in Department.objects.values_list("pk", "name")},
            },
            GroupDay.Dimension.LOCATION: {
                NONE_KEY: gettext("No location"),
                **{str(pk): name for pk, name in Location.objects.values_list("pk", "name")},
            },
            GroupDay.Dimension.ROLE: roles,
            GroupDay.OTHER: {GroupDay.OTHER: gettext("Other")},
        }


def _keys(member: Member) -> Iterable[tuple[str, str]]:
    yield GroupDay.Dimension.ALL, "all"
    yield GroupDay.Dimension.DEPARTMENT, str(member.department_id or NONE_KEY)
    yield GroupDay.Dimension.LOCATION, str(member.location_id or NONE_KEY)
    for role in member.roles:
        yield GroupDay.Dimension.ROLE, role


def build_group_days(day: date, people: dict[int, Member]) -> int:
    """Replace the GroupDay rows of `day` from PersonDay; returns how many."""
    done = activity(day)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for pk, member in people.items():
        found = done.get(pk)
        for group in _keys(member):
            tallies[group].add(member, found)
    smallest = min_group()
    merged: dict[tuple[str, str], Tally] = {}
    others: Counter[str] = Counter()
    for (dimension, key), tally in tallies.items():
        if dimension != GroupDay.Dimension.ALL and tally.people < smallest:
            target = merged.setdefault((dimension, GroupDay.OTHER), Tally())
            target.merge(tally)
            others[dimension] += 1
        else:
            merged[(dimension, key)] = tally
    if not merged:
        merged[(GroupDay.Dimension.ALL, "all")] = Tally()
    labels = _labels()
    other_label = labels[GroupDay.OTHER][GroupDay.OTHER]
    rows = [
        GroupDay(
            day=day,
            dimension=dimension,
            key=key,
            label=(other_label if key == GroupDay.OTHER else labels[dimension].get(key, key))[:200],
            **tally.figures(),
        )
        for (dimension, key), tally in sorted(merged.items())
    ]
    GroupDay.objects.filter(day=day).delete()
    GroupDay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


# --- Entry points ------------------------------------------------------------------------------


@dataclass
class Rolled:
    day: date
    person_days: int
    group_days: int


@transaction.atomic
def rollup_day(day: date) -> Rolled:
    """Build (or rebuild) the PersonDay and GroupDay rows of `day`."""
    people = members(day)
    person_count = build_person_days(day, people)
    group_count = build_group_days(day, people)
    return Rolled(day, person_count, group_count)


def days_to_roll_up(*, today: date | None = None, since: date | None = None) -> list[date]:
    """Yesterday, and the days before it since the last roll-up (or since `since`); at most
    the days still covered by raw events."""
    today = today or timezone.localdate()
    yesterday = today - timedelta(days=1)
    if since is None:
        last = GroupDay.objects.aggregate(last=Max("day"))["last"]
        if last is not None:
            since = min(last + timedelta(days=1), yesterday)
        else:
            first = UsageEvent.objects.order_by("at").values_list("at", flat=True).first()
            since = timezone.localdate(first) if first is not None else yesterday
    since = max(since, today - timedelta(days=raw_days()))
    return [since + timedelta(days=n) for n in range((yesterday - since).days + 1)]


def rollup_days(days: Iterable[date]) -> list[Rolled]:
    return [rollup_day(day) for day in days]


@dataclass
class Pruned:
    events: int
    person_days: int


def prune(now: datetime | None = None) -> Pruned:
    """Delete raw events older than PLEIN_ADOPTION_RAW_DAYS and PersonDay rows older than
    PLEIN_ADOPTION_PERSON_DAYS; GroupDay rows stay."""
    now = now or timezone.now()
    events, _by_model = UsageEvent.objects.filter(at__lt=now - timedelta(days=raw_days())).delete()
    today = timezone.localdate(now)
    days, _by_model = PersonDay.objects.filter(
        day__lt=today - timedelta(days=person_days())
    ).delete()
    return Pruned(events, days)


def nightly(*, today: date | None = None) -> tuple[list[Rolled], Pruned]:
    """What the nightly task does: roll up the missed days up to yesterday, then prune."""
    rolled = rollup_days(days_to_roll_up(today=today))
    pruned = prune()
    logger.info(
        "Adoption roll-up: %d days, %d events and %d person-days pruned",
        len(rolled),
        pruned.events,
        pruned.person_days,
    )
    return rolled, pruned
