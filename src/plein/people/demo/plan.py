"""Planning the demo organisation in plain Python: who is who, with names, e-mail addresses,
job titles, managers and profiles, all drawn from the seeded generators in a fixed order."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from faker import Faker

from plein.core.portraits import AVATAR_COLOURS

from .logins import DEMO_LOGINS, DEMO_LOGINS_BY_UNIT_HEAD, DemoLogin
from .organisation import (
    DIRECTIE,
    GENERAL_SKILLS,
    GOALS,
    INTERESTS,
    KEEP_CASE,
    LOCATION_PHRASES,
    NAME_PREFIXES,
    OTHER_NAMES,
    PLAIN_LAST_NAME,
    RARE_SKILLS,
    STADHUIS,
    UNITS,
    UNITS_BY_CODE,
    Unit,
)

T = TypeVar("T")

EMAIL_DOMAIN = "example.org"  # reserved for examples: invitations can never reach a real person


# --- Names ------------------------------------------------------------------------------------


def split_last_name(raw: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'): the tussenvoegsel apart, as Dutch systems keep it."""
    for prefix in NAME_PREFIXES:
        if raw.startswith(prefix + " "):
            return prefix, raw[len(prefix) + 1 :]
    return "", raw


def _dutch_last_name(fake: Faker) -> tuple[str, str]:
    # Faker's list has a few medieval nobles ("Aelftrud van Wessex"); keep drawing until plain.
    for _attempt in range(100):
        prefix, rest = split_last_name(fake.last_name())
        if PLAIN_LAST_NAME.fullmatch(rest):
            return prefix, rest
    return "", "Jansen"


def _name(rng: random.Random, fake: Faker) -> tuple[str, str, str]:
    female = rng.random() < 0.55
    if rng.random() < 0.1:
        women, men, last_names = rng.choice(OTHER_NAMES)
        return rng.choice(women if female else men), "", rng.choice(last_names)
    first = fake.first_name_female() if female else fake.first_name_male()
    prefix, last = _dutch_last_name(fake)
    return first, prefix, last


def _ascii_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def _email(first: str, prefix: str, last: str, taken: set[str]) -> str:
    local = f"{_ascii_slug(first)}.{_ascii_slug(prefix + last)}"
    email, number = f"{local}@{EMAIL_DOMAIN}", 1
    while email in taken:
        number += 1
        email = f"{local}{number}@{EMAIL_DOMAIN}"
    taken.add(email)
    return email


# --- Profiles ---------------------------------------------------------------------------------


def _in_sentence(text: str) -> str:
    """'Klantcontactmedewerker' -> 'klantcontactmedewerker', but 'Wmo-consulent', 'WOZ' stay."""
    first_word = re.split(r"[ -]", text, maxsplit=1)[0]
    if first_word in KEEP_CASE or not first_word[1:].islower():
        return text
    return text[:1].lower() + text[1:]


def _weighted(rng: random.Random, items: Sequence[T], steep: bool = False) -> T:
    """One of items, the first ones more often (twice as often each step when steep)."""
    n = len(items)
    weights = [2 ** (n - i) if steep else n - i for i in range(n)]
    return rng.choices(items, weights=weights)[0]


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"06 {rng.randint(10_000_000, 69_999_999)}"
    return f"020 {rng.randint(2_000_000, 8_999_999)}"


def _unit_phrase(unit: Unit) -> str:
    if unit.code == DIRECTIE:
        return "de directie"
    return f"team {unit.name}" if unit.parent else f"de afdeling {unit.name}"


def _bio(
    rng: random.Random,
    fake: Faker,
    unit: Unit,
    job: str,
    location: str | None,
    skills: Sequence[str],
) -> str:
    goal = GOALS[unit.parent or unit.code]
    job_lc = _in_sentence(job)
    # "teamleider HR bij team HR" says it twice: a head's title names the department already.
    at = "" if unit.name in job else f" bij {_unit_phrase(unit)}"
    since = rng.choice(["kort", "een paar jaar", "jaar en dag"])
    openings = [
        f"Ik werk al {rng.randint(2, 25)} jaar bij de gemeente, nu als {job_lc}{at}.",
        f"Als {job_lc} zorg ik er samen met mijn collega's voor dat {goal}.",
        f"Sinds {since} ben ik {job_lc}{at}.",
    ]
    if location:
        openings.append(f"Ik ben {job_lc}{at} en werk meestal vanuit {LOCATION_PHRASES[location]}.")
    hobby = rng.choice(INTERESTS).lower()
    middles = [
        f"Daarvoor werkte ik bij de gemeente {fake.city()}.",
        f"Ik woon met mijn gezin in {fake.city()}.",
        f"In mijn vrije tijd ben ik vaak bezig met {hobby}.",
        f"Buiten het werk houd ik van {hobby}.",
        "Ik denk graag mee over hoe het slimmer en eenvoudiger kan.",
    ]
    if location == STADHUIS:  # the werf and the buurtkantoren are not desks you take home
        days = rng.choice(["op maandag en donderdag", "op dinsdag en woensdag", "op vrijdag"])
        middles.append(f"Ik werk {days} op kantoor en de rest van de week thuis.")
    closings = [
        "Loop gerust even binnen of stuur me een bericht.",
        "Koffie drinken en bijpraten? Altijd goed.",
        "",
    ]
    if skills:
        skill = _in_sentence(rng.choice(list(skills)))
        closings += [
            f"Vraag me gerust iets over {skill}!",
            f"Heb je een vraag over {skill}? Ik help je graag.",
        ]
    sentences = [rng.choice(openings)]
    sentences += rng.sample(middles, rng.randint(0, 2))
    sentences.append(rng.choice(closings))
    return " ".join(s for s in sentences if s)


def _pick_skills(rng: random.Random, unit: Unit) -> list[str]:
    own = rng.sample(unit.skills, min(len(unit.skills), rng.randint(1, 3)))
    general = rng.sample(GENERAL_SKILLS, rng.randint(1, 2))
    if rng.random() < 0.25:
        general.append(rng.choice(RARE_SKILLS))
    return unique_names(own + general)


def _pick_interests(rng: random.Random) -> list[str]:
    return rng.sample(INTERESTS, rng.randint(1, 4))


def unique_names(names: list[str]) -> list[str]:
    """names without repeats, ignoring case (tags are unique regardless of case)."""
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique


# --- Planning: who is who, in plain Python --------------------------------------------------


@dataclass
class Planned:
    unit: Unit
    kind: str  # "head", "login" or "member"
    login: DemoLogin | None = None
    first_name: str = ""
    name_prefix: str = ""
    last_name: str = ""
    email: str = ""
    job_title: str = ""
    location: str | None = None
    phone: str = ""
    bio: str = ""
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    avatar: tuple[int, int] | None = None  # (colour, figure) of a generated photo
    manager: int | None = None  # index in the plan
    days_ago: int = 0
    seconds_ago: int = 0


def minimum_people() -> int:
    """Every department needs a head, and the demo accounts come on top."""
    heads = len(UNITS) - len(DEMO_LOGINS_BY_UNIT_HEAD)
    return heads + len(DEMO_LOGINS)


def _share(total: int, weights: Sequence[int]) -> list[int]:
    """total split in proportion to weights, exactly (largest remainders)."""
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _tiers(rng: random.Random, n: int) -> list[str]:
    """How complete each member's profile is: some full, many partial, some almost empty."""
    complete, sparse = max(1, round(n * 0.2)), max(1, round(n * 0.25))
    tiers = ["complete"] * complete + ["sparse"] * sparse
    tiers += ["partial"] * (n - len(tiers))
    rng.shuffle(tiers)
    return tiers[:n]


def plan_people(rng: random.Random, fake: Faker, people: int) -> list[Planned]:
    """The whole organisation as a list, director first; indexes are employee numbers - 1."""
    if people < minimum_people():
        raise ValueError(f"The demo organisation needs at least {minimum_people()} people.")

    plan: list[Planned] = []
    head_index: dict[str, int] = {}
    for unit in UNITS:
        login = DEMO_LOGINS_BY_UNIT_HEAD.get(unit.code)
        head_index[unit.code] = len(plan)
        plan.append(Planned(unit, "login" if login else "head", login=login))
    for login in DEMO_LOGINS:
        if not login.head:
            plan.append(Planned(UNITS_BY_CODE[login.unit], "login", login=login))
    counts = _share(people - len(plan), [unit.weight for unit in UNITS])
    members = [
        Planned(unit, "member")
        for unit, count in zip(UNITS, counts, strict=True)
        for _ in range(count)
    ]
    rng.shuffle(members)
    first_member = len(plan)
    plan += members

    for index, p in enumerate(plan):
        if index == head_index[p.unit.code]:
            if p.unit.code == DIRECTIE:
                p.manager = None
            else:
                p.manager = head_index[p.unit.parent or DIRECTIE]
        else:
            p.manager = head_index[p.unit.code]

    taken = {login.email for login in DEMO_LOGINS}
    tiers = _tiers(rng, len(members))
    newcomers = set(
        rng.sample(range(first_member, len(plan)), min(len(members), max(5, people // 200)))
    )
    for index, p in enumerate(plan):
        if p.login is not None:
            _fill_login(rng, p, p.login)
            continue
        p.first_name, p.name_prefix, p.last_name = _name(rng, fake)
        p.email = _email(p.first_name, p.name_prefix, p.last_name, taken)
        if p.kind == "head":
            p.job_title = p.unit.head_title
            tier = "complete" if rng.random() < 0.5 else "partial"
            p.days_ago = rng.randint(200, 730)
        else:
            p.job_title = _weighted(rng, p.unit.titles)
            tier = tiers[index - first_member]
            p.days_ago = rng.randint(0, 29) if index in newcomers else rng.randint(31, 730)
        p.seconds_ago = rng.randint(0, 86_399)
        _fill_profile(rng, fake, p, tier)
    return plan


def _fill_login(rng: random.Random, p: Planned, login: DemoLogin) -> None:
    p.first_name, p.name_prefix, p.last_name = login.first_name, login.name_prefix, login.last_name
    p.email, p.job_title = login.email, login.job_title
    p.location = p.unit.locations[0]
    p.phone = _phone(rng)
    p.bio, p.skills, p.interests = login.bio, list(login.skills), list(login.interests)
    p.avatar = (rng.randrange(len(AVATAR_COLOURS)), rng.randrange(3)) if login.complete else None
    p.days_ago, p.seconds_ago = login.days_ago, rng.randint(0, 86_399)


def _fill_profile(rng: random.Random, fake: Faker, p: Planned, tier: str) -> None:
    """Department comes from HR, always; the rest depends on how much the person filled in."""
    if tier == "sparse":
        if rng.random() < 0.4:
            p.job_title = ""
        return
    p.location = _weighted(rng, p.unit.locations, steep=True)
    full = tier == "complete"
    if full or rng.random() < 0.6:
        p.phone = _phone(rng)
    if full or rng.random() < 0.55:
        p.skills = _pick_skills(rng, p.unit)
    if full or rng.random() < 0.4:
        p.interests = _pick_interests(rng)
    if full or rng.random() < 0.35:
        p.bio = _bio(rng, fake, p.unit, p.job_title, p.location, p.skills)
    if full or rng.random() < 0.15:
        p.avatar = (rng.randrange(len(AVATAR_COLOURS)), rng.randrange(3))
