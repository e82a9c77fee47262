"""Gemeente Voorbeeld, the demo organisation: departments, locations, skills and people.

`people_step` is the first step of `plein demo` (the steps are listed in plein.core.demo). All
randomness comes from the seeded generators it is given, so the same seed and the same number of
people give the same organisation: the same names, e-mail addresses, employee numbers,
departments, managers and profiles. Only two things are not fixed by the seed: dates are counted
back from today (so "new colleagues" always shows someone) and photo file names are random (a file
name never reveals whose photo it is).

Everything is written with a handful of bulk queries so that 10,000 people take seconds: people
in batches, managers with one UPDATE per manager, skills, interests and roles as rows of the M2M
tables, and one password hash shared by everyone.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone
from faker import Faker
from PIL import Image, ImageDraw

from plein.accounts.roles import ADMINISTRATOR, COMMUNITY_MANAGER, EDITOR, roles_sync

from .models import Department, Location, Person, Tag

T = TypeVar("T")

DEMO_PASSWORD = "plein-demo"  # noqa: S105 - the documented password of the demo accounts
EMAIL_DOMAIN = "example.org"  # reserved for examples: invitations can never reach a real person
BATCH_SIZE = 500


# --- The organisation -------------------------------------------------------------------------

LOCATIONS: tuple[tuple[str, str], ...] = (
    ("Stadhuis", "Markt 1, 1234 AB Voorbeeld"),
    ("Gemeentewerf", "Industrieweg 14, 1234 CD Voorbeeld"),
    ("Buurtkantoor Noord", "Noorderplein 3, 1235 EF Voorbeeld"),
    ("Buurtkantoor Zuid", "Zuidersingel 52, 1236 GH Voorbeeld"),
)
STADHUIS, WERF, NOORD, ZUID = (name for name, _address in LOCATIONS)
# How a location reads in a sentence ("Ik werk meestal vanuit het stadhuis").
_LOCATION_PHRASES = {
    STADHUIS: "het stadhuis",
    WERF: "de gemeentewerf",
    NOORD: "buurtkantoor Noord",
    ZUID: "buurtkantoor Zuid",
}


@dataclass(frozen=True)
class Unit:
    """A department of Gemeente Voorbeeld and what the people in it do."""

    code: str
    name: str
    parent: str | None  # the parent's code
    weight: int  # share of the staff, next to the other units; the head comes on top
    head_title: str
    titles: tuple[str, ...]  # most common first
    skills: tuple[str, ...]
    locations: tuple[str, ...] = (STADHUIS,)  # most common first


# fmt: off
UNITS: tuple[Unit, ...] = (
    Unit(
        "DIR", "Directie", None, 2, "Gemeentesecretaris",
        ("Directiesecretaris", "Strategisch adviseur", "Concerncontroller", "Bestuursadviseur",
         "Managementassistent"),
        ("Bestuurlijke advisering", "Strategie", "Verandermanagement", "Politieke sensitiviteit",
         "Planning & control"),
    ),
    Unit(
        "BV", "Bedrijfsvoering", None, 1, "Afdelingshoofd Bedrijfsvoering",
        ("Managementassistent", "Adviseur bedrijfsvoering"),
        ("Planning & control", "Verandermanagement", "Inkoop"),
    ),
    Unit(
        "BV-HR", "HR", "BV", 4, "Teamleider HR",
        ("HR-adviseur", "Salarisadministrateur", "Recruiter", "Opleidingsadviseur",
         "Arbo-adviseur", "Medewerker personeelszaken"),
        ("Werving en selectie", "Verzuimbegeleiding", "CAO Gemeenten", "Salarisadministratie",
         "Loopbaanbegeleiding", "Arbeidsrecht"),
    ),
    Unit(
        "BV-FIN", "Financiën", "BV", 4, "Teamleider Financiën",
        ("Financieel adviseur", "Medewerker financiële administratie", "Controller",
         "Begrotingsadviseur", "Inkoopadviseur"),
        ("Begroting", "BBV", "Planning & control", "Aanbesteden", "Inkoop", "Rechtmatigheid"),
    ),
    Unit(
        "BV-ICT", "ICT", "BV", 5, "Teamleider ICT",
        ("Servicedeskmedewerker", "Applicatiebeheerder", "Systeembeheerder",
         "Functioneel beheerder", "Informatiemanager", "Security officer", "Data-analist"),
        ("Microsoft 365", "Informatiebeveiliging", "BIO", "Netwerkbeheer", "Python", "SQL",
         "ITIL", "Functioneel beheer"),
    ),
    Unit(
        "BV-FAC", "Facilitair", "BV", 4, "Teamleider Facilitair",
        ("Facilitair medewerker", "Receptionist", "Medewerker DIV", "Bode", "Huismeester",
         "Medewerker inkoop en contractbeheer"),
        ("Archiefwet", "Documentaire informatievoorziening", "Gastvrijheid", "Catering",
         "Contractbeheer", "Gebouwbeheer"),
        (STADHUIS, WERF),
    ),
    Unit(
        "BZ", "Burgerzaken", None, 1, "Afdelingshoofd Burgerzaken",
        ("Managementassistent", "Kwaliteitsmedewerker burgerzaken"),
        ("Burgerzaken", "Procesverbetering", "Klantcontact"),
    ),
    Unit(
        "BZ-PZ", "Publiekszaken", "BZ", 8, "Teamleider Publiekszaken",
        ("Klantcontactmedewerker", "Medewerker burgerzaken", "Baliemedewerker",
         "Medewerker reisdocumenten", "Medewerker BRP", "Buitengewoon ambtenaar burgerlijke stand"),
        ("Burgerzaken", "BRP", "Reisdocumenten", "Rijbewijzen", "Klantcontact",
         "Huwelijken voltrekken", "Verkiezingen", "Identiteitsfraude"),
        (STADHUIS, NOORD, ZUID),
    ),
    Unit(
        "BZ-BEL", "Belastingen", "BZ", 4, "Teamleider Belastingen",
        ("Medewerker belastingen", "WOZ-taxateur", "Invorderingsmedewerker",
         "Medewerker heffingen", "Adviseur belastingen"),
        ("WOZ", "Gemeentelijke belastingen", "Invordering", "Kwijtschelding", "Bezwaar en beroep"),
    ),
    Unit(
        "SD", "Sociaal Domein", None, 1, "Afdelingshoofd Sociaal Domein",
        ("Beleidsadviseur sociaal domein", "Managementassistent"),
        ("Wmo", "Jeugdwet", "Participatiewet", "Beleid schrijven"),
    ),
    Unit(
        "SD-WMO", "Wmo", "SD", 6, "Teamleider Wmo",
        ("Wmo-consulent", "Klantmanager Wmo", "Beleidsmedewerker Wmo",
         "Administratief medewerker Wmo"),
        ("Wmo", "Keukentafelgesprek", "Mantelzorg", "Hulpmiddelen", "Beschermd wonen",
         "Dementie"),
        (STADHUIS, NOORD, ZUID),
    ),
    Unit(
        "SD-JGD", "Jeugd", "SD", 5, "Teamleider Jeugd",
        ("Jeugdconsulent", "Gezinscoach", "Leerplichtambtenaar", "Beleidsadviseur jeugd"),
        ("Jeugdwet", "Jeugdhulp", "Leerplicht", "Veilig thuis", "Gespreksvoering"),
        (NOORD, ZUID, STADHUIS),
    ),
    Unit(
        "SD-WI", "Werk en Inkomen", "SD", 7, "Teamleider Werk en Inkomen",
        ("Klantmanager werk", "Consulent inkomen", "Participatiecoach", "Schuldhulpverlener",
         "Handhaver sociale zaken", "Jobcoach"),
        ("Participatiewet", "Schuldhulpverlening", "Re-integratie", "Bijzondere bijstand",
         "Werkgeversdienstverlening", "Motiverende gespreksvoering"),
        (STADHUIS, ZUID, NOORD),
    ),
    Unit(
        "RU", "Ruimte", None, 1, "Afdelingshoofd Ruimte",
        ("Managementassistent", "Programmamanager wonen"),
        ("Omgevingswet", "Woningbouw", "Gebiedsontwikkeling"),
    ),
    Unit(
        "RU-RO", "Ruimtelijke Ordening", "RU", 4, "Teamleider Ruimtelijke Ordening",
        ("Beleidsadviseur ruimtelijke ordening", "Stedenbouwkundige", "Adviseur Omgevingswet",
         "Planjurist", "GIS-specialist"),
        ("Omgevingswet", "Omgevingsplan", "Stedenbouw", "GIS", "Participatie",
         "Gebiedsontwikkeling", "Duurzaamheid"),
    ),
    Unit(
        "RU-VG", "Vergunningen", "RU", 5, "Teamleider Vergunningen",
        ("Vergunningverlener", "Toezichthouder bouw", "Handhaver", "Casemanager vergunningen",
         "Adviseur bouw- en woningtoezicht"),
        ("Omgevingswet", "Vergunningverlening", "Toezicht en handhaving", "Bouwbesluit", "DSO",
         "APV"),
    ),
    Unit(
        "OR", "Openbare Ruimte", None, 1, "Afdelingshoofd Openbare Ruimte",
        ("Beleidsadviseur openbare ruimte", "Managementassistent"),
        ("Beheer openbare ruimte", "Klimaatadaptatie", "Contractbeheer"),
        (WERF, STADHUIS),
    ),
    Unit(
        "OR-GRN", "Groen", "OR", 6, "Teamleider Groen",
        ("Medewerker groenonderhoud", "Hovenier", "Boomverzorger", "Beheerder groen", "Ecoloog"),
        ("Groenbeheer", "Boomveiligheid", "Biodiversiteit", "Maaien", "VCA"),
        (WERF,),
    ),
    Unit(
        "OR-WEG", "Wegen", "OR", 5, "Teamleider Wegen",
        ("Medewerker wegenonderhoud", "Wegbeheerder", "Opzichter", "Verkeerskundige",
         "Projectleider civiele techniek"),
        ("Civiele techniek", "Verkeersveiligheid", "Riolering", "VCA", "Bestekken schrijven"),
        (WERF, STADHUIS),
    ),
    Unit(
        "OR-AFV", "Afval", "OR", 6, "Teamleider Afval",
        ("Chauffeur afvalinzameling", "Belader", "Medewerker milieustraat",
         "Coördinator afvalinzameling", "Adviseur afval en grondstoffen"),
        ("Afvalscheiding", "Rijbewijs C", "Circulaire economie", "VCA", "Routeplanning"),
        (WERF,),
    ),
    Unit(
        "COM", "Communicatie", None, 4, "Hoofd Communicatie",
        ("Communicatieadviseur", "Webredacteur", "Online communicatieadviseur", "Woordvoerder",
         "Grafisch ontwerper"),
        ("Schrijven", "Webredactie", "Woordvoering", "Social media", "Fotografie",
         "Participatie", "Campagnes", "B1-taalniveau"),
    ),
)
# fmt: on
UNITS_BY_CODE = {unit.code: unit for unit in UNITS}
DIRECTIE = "DIR"

# What a department is there for, for the first line of a bio.
_GOALS = {
    "DIR": "de organisatie koers houdt en het college goed wordt geadviseerd",
    "BV": "de organisatie soepel draait",
    "BZ": "inwoners snel en goed geholpen worden",
    "SD": "inwoners de ondersteuning krijgen die ze nodig hebben",
    "RU": "plannen voor wonen, werken en natuur goed landen",
    "OR": "straten, parken en pleinen schoon, heel en veilig zijn",
    "COM": "inwoners en collega's weten wat er speelt",
}

# fmt: off
GENERAL_SKILLS: tuple[str, ...] = (  # skills anyone may have; the common ones first
    "Excel", "Word", "Projectleiding", "Schrijven", "Presenteren", "Notuleren", "Adviseren",
    "Plannen", "Klantgericht werken", "Procesverbetering", "Teams", "Data-analyse",
    "Onderhandelen", "Coachen", "AVG", "SharePoint", "Training geven", "Engels",
)
RARE_SKILLS: tuple[str, ...] = (
    "Lean", "Scrum", "Power BI", "Subsidies", "Mediation", "Duits", "Arabisch", "Turks",
    "Gebarentaal", "BHV", "EHBO", "Visualiseren",
)
INTERESTS: tuple[str, ...] = (
    "Fotografie", "Hardlopen", "Koken", "Wielrennen", "Tuinieren", "Lezen", "Muziek",
    "Gitaar spelen", "Zingen", "Schaken", "Voetbal", "Hockey", "Tennis", "Padel", "Yoga",
    "Wandelen", "Duurzaamheid", "Reizen", "Bordspellen", "Vrijwilligerswerk", "Zeilen",
    "Schilderen", "Theater", "Film", "Podcasts", "Geschiedenis", "Vogels kijken", "Bakken",
    "Klussen", "Fietsen", "Zwemmen", "Kamperen", "Breien", "Programmeren", "Honden",
    "Schaatsen", "Dansen", "Pubquiz", "Lokale politiek", "Escape rooms",
)
# Words that keep their capital in the middle of a sentence.
_KEEP_CASE = {
    "Excel", "Word", "Teams", "Scrum", "Lean", "Wmo", "Omgevingswet", "Jeugdwet",
    "Participatiewet", "Archiefwet", "Engels", "Duits", "Arabisch", "Turks", "Python",
    "Microsoft", "Bouwbesluit", "Veilig", "Rijbewijs", "CAO",
}
# fmt: on


# --- Names ------------------------------------------------------------------------------------

# Longest first, so "van der" wins over "van".
# fmt: off
NAME_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        ("van der", "van den", "van de", "van het", "van 't", "in 't", "uit de", "uit den",
         "op de", "op den", "in de", "van", "de", "den", "der", "ter", "te", "'t", "het"),
        key=len,
        reverse=True,
    )
)
# fmt: on
_NAME_WORD = r"(?:IJ|[A-Z])[a-zà-öø-ÿ]+"
_PLAIN_LAST_NAME = re.compile(rf"{_NAME_WORD}(?:-{_NAME_WORD})?")

# Colleagues whose families came from Turkey, Morocco or Suriname, as in any Dutch town hall.
# fmt: off
_OTHER_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Elif", "Zeynep", "Ayşe", "Merve", "Esra", "Büşra"),
        ("Emre", "Mehmet", "Burak", "Mustafa", "Kerem", "Hakan"),
        ("Yilmaz", "Kaya", "Öztürk", "Demir", "Çelik", "Şahin", "Aydin", "Doğan"),
    ),
    (
        ("Fatima", "Yasmina", "Nadia", "Samira", "Khadija", "Salma"),
        ("Mohamed", "Rachid", "Bilal", "Karim", "Youssef", "Hamza"),
        ("El Amrani", "Bouzid", "Benali", "El Idrissi", "Ait Ouali", "Bakkali", "Haddou"),
    ),
    (
        ("Priya", "Shanti", "Anjali", "Sharmila", "Rowena", "Shirley"),
        ("Rajesh", "Ravi", "Sunil", "Glenn", "Romano", "Dennis"),
        ("Ramdin", "Sitaram", "Jagesar", "Ramsaran", "Pinas", "Kartosen", "Sabajo"),
    ),
)
# fmt: on


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
        if _PLAIN_LAST_NAME.fullmatch(rest):
            return prefix, rest
    return "", "Jansen"


def _name(rng: random.Random, fake: Faker) -> tuple[str, str, str]:
    female = rng.random() < 0.55
    if rng.random() < 0.1:
        women, men, last_names = rng.choice(_OTHER_NAMES)
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
    if first_word in _KEEP_CASE or not first_word[1:].islower():
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
    goal = _GOALS[unit.parent or unit.code]
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
        openings.append(
            f"Ik ben {job_lc}{at} en werk meestal vanuit {_LOCATION_PHRASES[location]}."
        )
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
    return _unique(own + general)


def _pick_interests(rng: random.Random) -> list[str]:
    return rng.sample(INTERESTS, rng.randint(1, 4))


def _unique(names: list[str]) -> list[str]:
    """names without repeats, ignoring case (tags are unique regardless of case)."""
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique


# --- The demo accounts ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    """An account with a known e-mail address, to try Plein in each role."""

    email: str
    role: str  # for the table the command prints
    first_name: str
    name_prefix: str
    last_name: str
    unit: str
    job_title: str
    roles: tuple[str, ...] = ()
    is_staff: bool = False
    head: bool = False  # heads its unit
    complete: bool = True  # a fully filled profile; otherwise a few things are left to do
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    bio: str = ""
    days_ago: int = 400

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "beheer@example.org",
        "community manager + administrator",
        "Sanne",
        "de",
        "Wit",
        "COM",
        "Projectleider intranet",
        roles=(COMMUNITY_MANAGER.key, ADMINISTRATOR.key),
        is_staff=True,
        skills=("Projectleiding", "Schrijven", "Campagnes", "Verandermanagement"),
        interests=("Fotografie", "Hardlopen", "Podcasts"),
        bio="Ik ben projectleider van Plein, ons nieuwe intranet. Samen met de ambassadeurs zorg "
        "ik dat iedereen er makkelijk zijn weg vindt. Tips, tops en flops? Stuur me een bericht!",
        days_ago=700,
    ),
    DemoLogin(
        "redactie@example.org",
        "editor",
        "Fleur",
        "",
        "Bakker",
        "COM",
        "Webredacteur",
        roles=(EDITOR.key,),
        skills=("Webredactie", "Schrijven", "B1-taalniveau", "Social media"),
        interests=("Lezen", "Theater", "Koken"),
        bio="Als webredacteur schrijf en redigeer ik het nieuws op Plein en de website. Heb je "
        "nieuws uit je team? Laat het me weten, dan maken we er samen een mooi bericht van.",
        days_ago=650,
    ),
    DemoLogin(
        "manager@example.org",
        "manager (head of Publiekszaken)",
        "Peter",
        "van den",
        "Berg",
        "BZ-PZ",
        "Teamleider Publiekszaken",
        head=True,
        skills=("Burgerzaken", "Leidinggeven", "Procesverbetering", "Klantcontact"),
        interests=("Wielrennen", "Geschiedenis"),
        bio="Ik ben teamleider van Publiekszaken: de balies in het stadhuis en de buurtkantoren. "
        "Elke week schrijf ik een korte 'Keek op de week' over wat ons team bezighoudt.",
        days_ago=720,
    ),
    DemoLogin(
        "ambassadeur@example.org",
        "employee (ambassador)",
        "Mo",
        "",
        "El Idrissi",
        "SD-WMO",
        "Wmo-consulent",
        skills=("Wmo", "Keukentafelgesprek", "Arabisch", "Microsoft 365"),
        interests=("Voetbal", "Koken", "Programmeren"),
        bio="Wmo-consulent en ambassadeur van Plein voor het sociaal domein. Vragen over het "
        "intranet, of over de Wmo? Stel ze gerust, ik help je graag op weg.",
        days_ago=540,
    ),
    DemoLogin(
        "medewerker@example.org",
        "employee (front office)",
        "Anne",
        "de",
        "Jong",
        "BZ-PZ",
        "Klantcontactmedewerker",
        complete=False,
        skills=("Klantcontact", "Reisdocumenten", "BRP"),
        bio="Ik help inwoners aan de balie en aan de telefoon met paspoorten, rijbewijzen en "
        "verhuizingen. Meestal werk ik vanuit het stadhuis.",
        days_ago=300,
    ),
)
DEMO_LOGINS_BY_UNIT_HEAD = {login.unit: login for login in DEMO_LOGINS if login.head}


# --- Planning: who is who, in plain Python --------------------------------------------------


@dataclass
class _Planned:
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


def plan_people(rng: random.Random, fake: Faker, people: int) -> list[_Planned]:
    """The whole organisation as a list, director first; indexes are employee numbers - 1."""
    if people < minimum_people():
        raise ValueError(f"The demo organisation needs at least {minimum_people()} people.")

    plan: list[_Planned] = []
    head_index: dict[str, int] = {}
    for unit in UNITS:
        login = DEMO_LOGINS_BY_UNIT_HEAD.get(unit.code)
        head_index[unit.code] = len(plan)
        plan.append(_Planned(unit, "login" if login else "head", login=login))
    for login in DEMO_LOGINS:
        if not login.head:
            plan.append(_Planned(UNITS_BY_CODE[login.unit], "login", login=login))
    counts = _share(people - len(plan), [unit.weight for unit in UNITS])
    members = [
        _Planned(unit, "member")
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


def _fill_login(rng: random.Random, p: _Planned, login: DemoLogin) -> None:
    p.first_name, p.name_prefix, p.last_name = login.first_name, login.name_prefix, login.last_name
    p.email, p.job_title = login.email, login.job_title
    p.location = p.unit.locations[0]
    p.phone = _phone(rng)
    p.bio, p.skills, p.interests = login.bio, list(login.skills), list(login.interests)
    p.avatar = (rng.randrange(len(_AVATAR_COLOURS)), rng.randrange(3)) if login.complete else None
    p.days_ago, p.seconds_ago = login.days_ago, rng.randint(0, 86_399)


def _fill_profile(rng: random.Random, fake: Faker, p: _Planned, tier: str) -> None:
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
        p.avatar = (rng.randrange(len(_AVATAR_COLOURS)), rng.randrange(3))


# --- Generated photos -------------------------------------------------------------------------

_AVATAR_COLOURS: tuple[tuple[int, int, int], ...] = (
    (29, 92, 130),
    (184, 67, 15),
    (46, 125, 80),
    (120, 72, 140),
    (170, 120, 20),
    (60, 60, 70),
    (150, 50, 80),
    (30, 120, 130),
)
_avatar_cache: dict[tuple[int, int, int], bytes] = {}


def avatar_jpeg(colour: int, figure: int, size: int = 400) -> bytes:
    """A simple portrait silhouette on a coloured background, standing in for a photo."""
    key = (colour, figure, size)
    if key not in _avatar_cache:
        background = _AVATAR_COLOURS[colour]
        light = tuple(c + (255 - c) * 3 // 4 for c in background)
        hair = tuple(c // 2 for c in background)
        image = Image.new("RGB", (size, size), background)
        draw = ImageDraw.Draw(image)
        s = size / 400
        draw.ellipse((60 * s, 250 * s, 340 * s, 560 * s), fill=light)  # shoulders
        if figure == 1:  # long hair
            draw.rounded_rectangle((118 * s, 80 * s, 282 * s, 300 * s), 70 * s, fill=hair)
        draw.ellipse((130 * s, 85 * s, 270 * s, 245 * s), fill=light)  # head
        if figure == 2:  # short hair
            draw.chord((128 * s, 78 * s, 272 * s, 200 * s), 180, 360, fill=hair)
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=85)
        _avatar_cache[key] = out.getvalue()
    return _avatar_cache[key]


# --- Writing it all -------------------------------------------------------------------------


def _locations() -> dict[str, Location]:
    return {
        name: Location.objects.get_or_create(name=name, defaults={"address": address})[0]
        for name, address in LOCATIONS
    }


def _departments() -> tuple[dict[str, Department], int]:
    departments: dict[str, Department] = {}
    created_count = 0
    for unit in UNITS:  # parents come before their children
        parent = departments[unit.parent] if unit.parent else None
        code = None if Department.objects.filter(code=unit.code).exists() else unit.code
        department, created = Department.objects.get_or_create(
            parent=parent, name=unit.name, defaults={"code": code}
        )
        departments[unit.code] = department
        created_count += created
    return departments, created_count


def _tags() -> dict[str, Tag]:
    names = _unique(
        [s for unit in UNITS for s in unit.skills]
        + list(GENERAL_SKILLS + RARE_SKILLS)
        + list(INTERESTS)
        + [s for login in DEMO_LOGINS for s in login.skills + login.interests]
    )
    existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
    Tag.objects.bulk_create([Tag(name=n) for n in names if n.lower() not in existing])
    return {tag.name.lower(): tag for tag in Tag.objects.all()}


def _groups() -> dict[str, Group]:
    keys = {key for login in DEMO_LOGINS for key in login.roles}
    groups = {g.name: g for g in Group.objects.filter(name__in=keys)}
    if len(groups) < len(keys):  # a database migrated without the post_migrate signal
        roles_sync()
        groups = {g.name: g for g in Group.objects.filter(name__in=keys)}
    return groups


def people_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Departments, locations, skills and `people` people, the demo accounts among them."""
    plan = plan_people(rng, fake, people)
    locations = _locations()
    departments, new_departments = _departments()
    tags = _tags()
    groups = _groups()

    password = make_password(DEMO_PASSWORD)  # hashed once: the slow part of a login, not of a row
    now = timezone.now()
    photo_field = Person._meta.get_field("photo")
    photos: list[tuple[str, tuple[int, int]]] = []
    persons: list[Person] = []
    for number, p in enumerate(plan, start=1):
        login = p.login
        person = Person(
            email=p.email,
            password=password,
            first_name=p.first_name,
            name_prefix=p.name_prefix,
            last_name=p.last_name,
            employee_number=f"E{number:05d}",
            job_title=p.job_title,
            department=departments[p.unit.code],
            location=locations[p.location] if p.location else None,
            phone=p.phone,
            bio=p.bio,
            is_staff=login.is_staff if login else False,
            date_joined=now - timedelta(days=p.days_ago, seconds=p.seconds_ago),
        )
        if p.avatar is not None:
            person.photo.name = photo_field.generate_filename(person, "photo.jpg")
            photos.append((person.photo.name, p.avatar))
        persons.append(person)
    Person.objects.bulk_create(persons, batch_size=BATCH_SIZE)
    if persons[0].pk is None:  # a database that cannot return ids from a bulk insert
        ids = dict(Person.objects.values_list("email", "pk"))
        for person in persons:
            person.pk = ids[person.email]

    # Managers once everyone has an id: one UPDATE per manager and batch, no per-row CASE.
    reports: dict[int, list[int]] = defaultdict(list)
    for person, p in zip(persons, plan, strict=True):
        if p.manager is not None:
            person.manager = persons[p.manager]
            reports[person.manager.pk].append(person.pk)
    for manager_id, ids in reports.items():
        for start in range(0, len(ids), BATCH_SIZE):
            Person.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
                manager_id=manager_id
            )

    skill_rows, interest_rows, group_rows = [], [], []
    Skill, Interest, Membership = (
        Person.skills.through,
        Person.interests.through,
        Person.groups.through,
    )
    for person, p in zip(persons, plan, strict=True):
        skill_rows += [Skill(person_id=person.pk, tag_id=tags[s.lower()].pk) for s in p.skills]
        interest_rows += [
            Interest(person_id=person.pk, tag_id=tags[s.lower()].pk) for s in p.interests
        ]
        if p.login:
            group_rows += [
                Membership(person_id=person.pk, group_id=groups[key].pk) for key in p.login.roles
            ]
    Skill.objects.bulk_create(skill_rows, batch_size=BATCH_SIZE * 2)
    Interest.objects.bulk_create(interest_rows, batch_size=BATCH_SIZE * 2)
    Membership.objects.bulk_create(group_rows)

    # Files only once the rows are committed: a failed run leaves no orphans behind.
    transaction.on_commit(lambda: _write_photos(photo_field.storage, photos))
    stdout.write(
        f"  people: {len(persons)} people, {len(departments)} departments "
        f"({new_departments} new), {len(locations)} locations, {len(photos)} photos"
    )


def _write_photos(storage: Storage, photos: list[tuple[str, tuple[int, int]]]) -> None:
    size = settings.PLEIN_PROFILE_PHOTO_SIZE
    for name, (colour, figure) in photos:
        storage.save(name, ContentFile(avatar_jpeg(colour, figure, size)))
