"""Demo polls (in spaces and on a profile, one closed) and a running contest in its voting
phase: "Hoe noemen we ons intranet?"."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person
from plein.people.roles import COMMUNITY_MANAGER
from plein.posts import markup
from plein.posts.demo import DEMO_LOGINS, _role_holder
from plein.posts.models import Post, PostFollow
from plein.spaces.models import Membership, Space

from .models import Choice, Contest, Entry, EntryVote, PollDetails, Vote

POLLS = (
    # (question, answers, multiple, anonymous, results after close, closed)
    (
        "Waar gaan we dit jaar naartoe met het teamuitje?",
        ("Wadden", "Efteling", "Kanoën in de Biesbosch", "Escaperoom in de stad"),
        False,
        False,
        False,
        False,
    ),
    (
        "Welke dagen passen jou voor de vrijdagmiddagborrel?",
        ("Donderdag", "Vrijdag", "Eens per maand op woensdag"),
        True,
        False,
        False,
        False,
    ),
    (
        "Willen we overstappen op flexplekken op de tweede verdieping?",
        ("Ja, graag", "Alleen als er stilteplekken bij komen", "Nee, liever vaste plekken"),
        False,
        True,
        True,
        True,
    ),
)
CONTEST_TITLE = "Hoe noemen we ons intranet?"
CONTEST_DESCRIPTION = (
    "Ons nieuwe intranet verdient een eigen naam. De inzendtermijn is voorbij: stem nu op je "
    "favorieten. Iedereen heeft drie stemmen; de winnaar maken we hier bekend."
)
NAMES = (
    ("Het Plein", "Waar iedereen elkaar tegenkomt."),
    ("De Koffiehoek", "Daar hoor je altijd het laatste nieuws."),
    ("Onze Stek", ""),
    ("De Brug", "Het verbindt alle afdelingen."),
    ("Samen", "Kort en krachtig."),
    ("Het Dorpshuis", "Voor en door collega's."),
    ("Binnenkijken", ""),
    ("De Kantine", "Gezellig en iedereen komt er."),
    ("Wij", ""),
    ("Het Raadhuis", "Past bij onze organisatie."),
    ("Kompas", "Helpt je de weg te vinden."),
)


def polls_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Three polls with votes (one closed) and a contest in its voting phase."""
    if PollDetails.objects.exists() or Contest.objects.exists():
        stdout.write("  polls: kept as they were")
        return
    ids = list(Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    if len(ids) < 3:
        stdout.write("  polls: none (too few people)")
        return
    logins = dict(
        Person.objects.filter(email__in=DEMO_LOGINS, is_active=True).values_list("email", "pk")
    )
    # The demo employee has not voted yet, so they can try it.
    employee = logins.get("medewerker@example.org")
    voters = [pk for pk in ids if pk != employee]
    now = timezone.now()
    polls = _polls(rng, voters, logins, now)
    entries = _contest(rng, voters, logins, now)
    stdout.write(f"  polls: {polls} polls, a contest with {entries} proposals")


def _space_with_members(rng: random.Random) -> tuple[int | None, list[int]]:
    rows = Membership.objects.filter(
        state=Membership.State.MEMBER, person__is_active=True, space__kind=Space.Kind.OPEN
    ).values_list("space_id", "person_id")
    members: dict[int, list[int]] = {}
    for space_id, person_id in rows.order_by("space_id", "person_id"):
        members.setdefault(space_id, []).append(person_id)
    busy = sorted((pk for pk, people in members.items() if len(people) >= 3))
    if not busy:
        return None, []
    space_id = rng.choice(busy)
    return space_id, members[space_id]


def _polls(rng: random.Random, voters: list[int], logins: dict[str, int], now) -> int:  # type: ignore[no-untyped-def]
    made = 0
    for number, (question, answers, multiple, anonymous, after_close, closed) in enumerate(POLLS):
        space_id, members = (None, []) if number == 1 else _space_with_members(rng)
        if space_id is None:
            author = logins.get("manager@example.org") or rng.choice(voters)
            audience = voters
        else:
            author = rng.choice(members)
            audience = [pk for pk in members if pk in set(voters)] or members
        created = now - timedelta(days=rng.randint(4, 9) if closed else rng.randint(0, 2), hours=1)
        post = Post.objects.create(
            author_id=author,
            space_id=space_id,
            kind=Post.Kind.POLL,
            title=question,
            body=question,
            body_html=markup.render(question, lambda name: None).html,
            created_at=created,
        )
        PostFollow.objects.create(person_id=author, post=post)
        details = PollDetails.objects.create(
            post=post,
            multiple=multiple,
            anonymous=anonymous,
            closes_at=now - timedelta(days=2)
            if closed
            else now + timedelta(days=rng.randint(3, 7)),
            results_visibility=(
                PollDetails.Results.AFTER_CLOSE if after_close else PollDetails.Results.AFTER_VOTE
            ),
        )
        choices = Choice.objects.bulk_create(
            Choice(poll=details, text=text, position=position)
            for position, text in enumerate(answers)
        )
        if choices[0].pk is None:
            choices = list(Choice.objects.filter(poll=details).order_by("position"))
        weights = [rng.randint(1, 6) for _choice in choices]
        picked = rng.sample(audience, min(len(audience), rng.randint(8, 30)))
        votes = []
        for person in picked:
            if multiple:
                mine = {rng.choices(choices, weights)[0] for _ in range(rng.randint(1, 2))}
            else:
                mine = {rng.choices(choices, weights)[0]}
            votes += [
                Vote(poll=details, choice=c, person_id=person, created_at=created) for c in mine
            ]
        Vote.objects.bulk_create(votes)
        made += 1
    return made


def _contest(rng: random.Random, voters: list[int], logins: dict[str, int], now) -> int:  # type: ignore[no-untyped-def]
    creator = _role_holder(logins, "beheer@example.org", COMMUNITY_MANAGER.key) or voters[0]
    contest = Contest.objects.create(
        title=CONTEST_TITLE,
        description=CONTEST_DESCRIPTION,
        submissions_open_until=now - timedelta(days=3),
        voting_open_until=now + timedelta(days=4),
        votes_per_person=3,
        created_by_id=creator,
        created_at=now - timedelta(days=10),
    )
    names = rng.sample(NAMES, rng.randint(8, 10))
    submitted = [
        Entry(
            contest=contest,
            text=text,
            description=why,
            submitted_by_id=rng.choice(voters),
            created_at=now - timedelta(days=9, hours=-index * 5),
        )
        for index, (text, why) in enumerate(names)
    ]
    Entry.objects.bulk_create(submitted)
    entries = list(Entry.objects.filter(contest=contest).order_by("pk"))
    weights = [rng.randint(1, 8) for _entry in entries]
    votes = []
    for person in rng.sample(voters, min(len(voters), rng.randint(20, 40))):
        chosen = {rng.choices(entries, weights)[0] for _ in range(rng.randint(1, 3))}
        votes += [EntryVote(contest=contest, entry=e, person_id=person) for e in chosen]
    EntryVote.objects.bulk_create(votes)
    return len(entries)
