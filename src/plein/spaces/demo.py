"""The demo step for spaces: a coffee corner for everyone, department spaces and a few groups."""

from __future__ import annotations

import random

from django.core.management.base import OutputWrapper
from django.utils.text import slugify
from faker import Faker

from plein.people.models import Department, Person
from plein.spaces.help import HELP_SPACE_SLUG

from .models import Membership, Space
from .services import default_spaces_sync

State = Membership.State
Role = Membership.Role

COFFEE_CORNER = (
    "Koffiecorner",
    "De plek voor iedereen bij Gemeente Voorbeeld: deel wat je bezighoudt, vraag iets aan "
    "collega's of zet de taart van je jubileum aan. Iedereen is hier automatisch lid.",
)
GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "Hardloopclub",
        Space.Kind.OPEN,
        "Elke dinsdag en donderdag lopen we om 12.15 uur een rondje van 5 of 8 kilometer vanaf "
        "het stadhuis. Beginners zijn welkom; we wachten altijd op elkaar. In september doen we "
        "samen mee aan de Singelloop.",
    ),
    (
        "Fotografie",
        Space.Kind.OPEN,
        "Voor iedereen die graag fotografeert, met telefoon of spiegelreflex. We delen foto's, "
        "geven elkaar tips en organiseren een paar keer per jaar een fotowandeling door de stad.",
    ),
    (
        "Projectteam Nieuw Stadhuis",
        Space.Kind.CLOSED,
        "Het projectteam dat de verhuizing naar het nieuwe stadhuis voorbereidt: planning, "
        "werkplekken, archief en de inrichting van de publiekshal. Wil je meedenken? Vraag "
        "om lid te worden.",
    ),
    (
        "Vertrouwenspersonen",
        Space.Kind.SECRET,
        "Overleg tussen de vertrouwenspersonen van Gemeente Voorbeeld: intervisie, planning van "
        "het spreekuur en afspraken over de jaarrapportage. Alleen op uitnodiging.",
    ),
)


def _membership(space: Space, person_id: int, state: str, role: str = Role.MEMBER) -> Membership:
    return Membership(space=space, person_id=person_id, state=state, role=role)


def spaces_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Default spaces for everyone and per top-level department, and four groups."""
    if Space.objects.exclude(slug=HELP_SPACE_SLUG).exists():
        stdout.write("  spaces: kept as they were")
        return
    person_ids = list(
        Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    if not person_ids:
        stdout.write("  spaces: none (no people)")
        return
    logins = dict(Person.objects.filter(email__endswith="@example.org").values_list("email", "pk"))
    organiser = logins.get("beheer@example.org", person_ids[0])

    rows = _coffee_corner(organiser)
    rows += _department_spaces(organiser)
    group_size = max(3, min(60, people // 20))
    for name, kind, description in GROUPS:
        space = Space.objects.create(
            name=name,
            slug=slugify(name),
            description=description,
            kind=kind,
            created_by_id=organiser,
        )
        rows += _group_memberships(rng, space, person_ids, logins, organiser, group_size)
    Membership.objects.bulk_create(rows, batch_size=1000)
    added = default_spaces_sync()
    stdout.write(
        f"  spaces: {Space.objects.count()} spaces, "
        f"{Membership.objects.filter(state=State.MEMBER).count()} memberships "
        f"({added} by default)"
    )


def _coffee_corner(organiser: int) -> list[Membership]:
    """The coffee corner for everyone; its organiser's ownership, not saved yet."""
    coffee = Space.objects.create(
        name=COFFEE_CORNER[0],
        slug=slugify(COFFEE_CORNER[0]),
        description=COFFEE_CORNER[1],
        kind=Space.Kind.OPEN,
        is_default_for_everyone=True,
        created_by_id=organiser,
    )
    return [_membership(coffee, organiser, State.MEMBER, Role.OWNER)]


def _department_spaces(organiser: int) -> list[Membership]:
    """A default space per top-level department; each owned by the department's first active
    member (memberships not saved yet)."""
    rows: list[Membership] = []
    top_level = list(Department.objects.filter(parent__isnull=True).order_by("name"))
    for department in top_level:
        space = Space.objects.create(
            name=department.name,
            slug=slugify(f"afdeling {department.name}"),
            description=f"Nieuws, afspraken en vragen binnen {department.name}. Alle "
            f"medewerkers van {department.name} en de teams daaronder zijn hier lid.",
            kind=Space.Kind.OPEN,
            created_by_id=organiser,
        )
        space.default_departments.add(department)
        head = department.members.filter(is_active=True).order_by("pk").first()
        if head is not None:
            rows.append(_membership(space, head.pk, State.MEMBER, Role.OWNER))
    return rows


def _group_memberships(
    rng: random.Random,
    space: Space,
    person_ids: list[int],
    logins: dict[str, int],
    organiser: int,
    group_size: int,
) -> list[Membership]:
    """The members of a group (not saved yet): its owner and a random few; a closed group has a
    request to join, a secret one an invitation."""
    kind = space.kind
    rows: list[Membership] = []
    owner = organiser if kind != Space.Kind.SECRET else rng.choice(person_ids)
    members = {owner}
    members.update(rng.sample(person_ids, min(group_size, len(person_ids))))
    for person_id in sorted(members):
        role = Role.OWNER if person_id == owner else Role.MEMBER
        rows.append(_membership(space, person_id, State.MEMBER, role))
    outsiders = [pk for pk in person_ids if pk not in members]
    if kind == Space.Kind.CLOSED and outsiders:
        asking = logins.get("ambassadeur@example.org")
        asking = asking if asking in outsiders else rng.choice(outsiders)
        rows.append(_membership(space, asking, State.REQUESTED))
    if kind == Space.Kind.SECRET and outsiders:
        invited = logins.get("manager@example.org")
        invited = invited if invited in outsiders else rng.choice(outsiders)
        invitation = _membership(space, invited, State.INVITED)
        invitation.invited_by_id = owner
        rows.append(invitation)
    return rows
