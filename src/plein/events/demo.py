"""The demo step for the agenda: a week and a bit of events at Gemeente Voorbeeld.

Trainings (one full, with a waiting list), a weekly team meeting of Burgerzaken in its space, a
project meeting in a group space, the Friday drinks, the launch of Plein, an all-day event and one
event from last week for the "past" tab; with answers from colleagues who may see each event.
Written in bulk; every random choice comes from `rng`.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person
from plein.spaces.models import Membership, Space

from .models import RSVP, Event
from .services import events_counters_refresh, local_zone, render_description

Category = Event.Category
State = RSVP.State
TEAMS = "https://teams.microsoft.com/l/meetup-join/voorbeeld-"


@dataclass
class _Plan:
    title: str
    category: str
    day: int  # days from today
    start: time | None  # None: all day
    minutes: int
    location: str = ""
    online: str = ""
    description: str = ""
    capacity: int | None = None
    space: str = ""  # slug; empty: organisation-wide
    weekly: int = 1  # number of weekly occurrences
    going: int = 20  # how many answer going (at most)


PLANS = [
    _Plan(
        "Training: werken met Plein",
        Category.TRAINING,
        1,
        time(10),
        90,
        "Raadhuis, zaal 2.14",
        TEAMS + "training-plein-1",
        "In anderhalf uur leer je **alles wat je nodig hebt** om met Plein te werken:\n\n"
        "- je profiel invullen\n- ruimtes vinden en volgen\n- berichten plaatsen en reageren\n\n"
        "Neem je laptop mee. Vol? Zet je op de wachtlijst: er komt vaak een plek vrij.",
        capacity=12,
        going=16,
    ),
    _Plan(
        "Cursus Omgevingswet",
        Category.TRAINING,
        2,
        time(9),
        210,
        "Stadskantoor, leslokaal 1",
        description="Een ochtend over de Omgevingswet in de praktijk: vergunningen, het "
        "omgevingsplan en participatie. Voor medewerkers van Ruimte en Vergunningen.",
        capacity=16,
        going=10,
    ),
    _Plan(
        "Wekelijks teamoverleg Burgerzaken",
        Category.MEETING,
        1,
        time(9),
        60,
        "Stadskantoor, kamer 3.02",
        TEAMS + "teamoverleg-bz",
        "Elke week: de planning, de drukte aan de balie en wat er speelt. Agendapunten graag "
        "de dag ervoor in deze ruimte.",
        space="afdeling-burgerzaken",
        weekly=8,
        going=8,
    ),
    _Plan(
        "Lunchwandeling door het park",
        Category.SOCIAL,
        3,
        time(12, 15),
        45,
        "Verzamelen bij de hoofdingang van het Raadhuis",
        description="Even naar buiten! We lopen een rondje door het stadspark. Iedereen welkom.",
        space="koffiecorner",
        going=9,
    ),
    _Plan(
        "Vrijdagmiddagborrel",
        Category.SOCIAL,
        -1,  # the next Friday
        time(16, 30),
        120,
        "Kantine Raadhuis",
        description="Sluit de week af met collega's. Hapjes en drankjes (ook zonder alcohol).",
        going=30,
    ),
    _Plan(
        "Lancering van Plein",
        Category.LAUNCH,
        7,
        time(11),
        60,
        "Raadzaal",
        "https://voorbeeld.nl/live/lancering-plein",
        "De burgemeester en de gemeentesecretaris openen **Plein**, ons nieuwe intranet. "
        "Kom naar de Raadzaal of kijk mee via de livestream.",
        going=40,
    ),
    _Plan(
        "Training: werken met Plein (online)",
        Category.TRAINING,
        6,
        time(14),
        90,
        online=TEAMS + "training-plein-2",
        description="Dezelfde training, maar dan online. Zet je camera aan als je wilt.",
        capacity=25,
        going=6,
    ),
    _Plan(
        "Verhuisdag ICT naar de tweede verdieping",
        Category.OTHER,
        9,
        None,
        0,
        "Stadskantoor, tweede verdieping",
        description="ICT verhuist. De servicedesk is telefonisch gewoon bereikbaar.",
        going=4,
    ),
    _Plan(
        "Kennismakingsochtend nieuwe collega's",
        Category.MEETING,
        -4,  # last week
        time(9, 30),
        150,
        "Raadhuis, zaal 1.01",
        description="Een rondleiding, koffie en kennismaken met de directie.",
        going=12,
    ),
]


def _day(today: date, offset: int) -> date:
    if offset == -1:  # the next Friday (today if it is Friday)
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if offset == -4:
        return today - timedelta(days=7)
    return today + timedelta(days=offset)


def _times(day: date, plan: _Plan) -> tuple[datetime, datetime]:
    if plan.start is None:
        start = datetime.combine(day, time(0), tzinfo=local_zone())
        return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=local_zone())
    start = datetime.combine(day, plan.start, tzinfo=local_zone())
    return start, start + timedelta(minutes=plan.minutes)


def events_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """About ten events (and a weekly series) from today on, with answers."""
    if Event.objects.exists():
        stdout.write("  events: kept as they were")
        return
    person_ids = list(
        Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    if not person_ids:
        stdout.write("  events: none (no people)")
        return
    logins = dict(Person.objects.filter(email__endswith="@example.org").values_list("email", "pk"))
    editor = logins.get("redactie@example.org", person_ids[0])
    employee = logins.get("medewerker@example.org")
    spaces = {space.slug: space for space in Space.objects.exclude(kind=Space.Kind.SECRET)}
    members = _members_by_space()
    plans = _plans(spaces, members)
    events, audiences = _events(
        rng, plans, spaces=spaces, members=members, person_ids=person_ids, editor=editor
    )
    Event.objects.bulk_create(events, batch_size=500)

    answers = _answers(rng, plans, events, audiences, employee)
    RSVP.objects.bulk_create(answers, batch_size=1000)
    events_counters_refresh(event_ids=[event.pk for event in events])
    waiting = sum(1 for answer in answers if answer.state == State.WAITLISTED)
    stdout.write(f"  events: {len(events)} events, {len(answers)} answers ({waiting} waiting)")


def _members_by_space() -> dict[int, list[int]]:
    """The active members of every space, by space id, in the order of their ids."""
    members: dict[int, list[int]] = {}
    for space_id, person_id in (
        Membership.objects.filter(state=Membership.State.MEMBER, person__is_active=True)
        .order_by("space_id", "person_id")
        .values_list("space_id", "person_id")
    ):
        members.setdefault(space_id, []).append(person_id)
    return members


def _plans(spaces: dict[str, Space], members: dict[int, list[int]]) -> list[_Plan]:
    """PLANS, and a project meeting in the (closed) project team's space when the demo has it."""
    group = spaces.get("projectteam-nieuw-stadhuis")
    plans = list(PLANS)
    if group is not None and members.get(group.pk):
        plans.append(
            _Plan(
                f"Projectoverleg {group.name}",
                Category.MEETING,
                3,
                time(13),
                60,
                online=TEAMS + "projectoverleg",
                description="Stand van zaken en de volgende stappen.",
                space=group.slug,
                going=6,
            )
        )
    return plans


def _events(
    rng: random.Random,
    plans: list[_Plan],
    *,
    spaces: dict[str, Space],
    members: dict[int, list[int]],
    person_ids: list[int],
    editor: int,
) -> tuple[list[Event], list[list[int]]]:
    """The events of the plans (every week of a series), not saved yet, and for each event who
    may see it. A plan for a space that is missing or has no members is left out."""
    today = timezone.localdate()
    now = timezone.now()
    events: list[Event] = []
    audiences: list[list[int]] = []
    for plan in plans:
        space = spaces.get(plan.space) if plan.space else None
        if plan.space and space is None:
            continue
        audience = members.get(space.pk, []) if space is not None else person_ids
        if not audience:
            continue
        organiser = editor if space is None else rng.choice(audience)
        series = uuid.UUID(int=rng.getrandbits(128)) if plan.weekly > 1 else None
        html = render_description(plan.description)
        for week in range(plan.weekly):
            times = _times(_day(today, plan.day) + timedelta(weeks=week), plan)
            created_at = now - timedelta(days=rng.randint(3, 20))
            events.append(
                _event(
                    plan,
                    space=space,
                    organiser=organiser,
                    series=series,
                    html=html,
                    times=times,
                    created_at=created_at,
                )
            )
            audiences.append(audience)
    return events, audiences


def _event(
    plan: _Plan,
    *,
    space: Space | None,
    organiser: int,
    series: uuid.UUID | None,
    html: str,
    times: tuple[datetime, datetime],
    created_at: datetime,
) -> Event:
    """One event (one week of a series) of the plan, not saved yet; times: start and end."""
    starts_at, ends_at = times
    return Event(
        title=plan.title,
        description=plan.description,
        description_html=html,
        category=plan.category,
        space=space,
        location=plan.location,
        online_url=plan.online,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=plan.start is None,
        capacity=plan.capacity,
        organiser_id=organiser,
        created_by_id=organiser,
        series=series,
        recurrence=Event.Recurrence.WEEKLY if series else "",
        created_at=created_at,
    )


def _answers(
    rng: random.Random,
    plans: list[_Plan],
    events: list[Event],
    audiences: list[list[int]],
    employee: int | None,
) -> list[RSVP]:
    """Answers from each event's audience: up to the plan's number going (over the capacity: on
    the waiting list), a third more maybe or not going; the demo employee answers every
    organisation-wide event they can see."""
    answers: list[RSVP] = []
    for event, audience in zip(events, audiences, strict=True):
        plan_going = next(p.going for p in plans if p.title == event.title)
        chosen = rng.sample(audience, min(len(audience), plan_going + plan_going // 3))
        if employee in audience and employee not in chosen and event.space is None:
            chosen.insert(0, employee)
        going = 0
        for position, person_id in enumerate(chosen):
            if position >= plan_going:
                state = rng.choice([State.MAYBE, State.NOT_GOING])
            elif event.capacity is not None and going >= event.capacity:
                state = State.WAITLISTED
            else:
                state = State.GOING
                going += 1
            answered = event.created_at + timedelta(minutes=10 * (position + 1))
            answers.append(
                RSVP(
                    event=event,
                    person_id=person_id,
                    state=state,
                    waitlisted_at=answered if state == State.WAITLISTED else None,
                    created_at=answered,
                )
            )
    return answers
