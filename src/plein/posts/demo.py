"""The demo step for posts: six weeks of conversation at Gemeente Voorbeeld.

Posts in the spaces the spaces step made (only by their members), posts on people's profiles and
a few announcements by the editor; comments with replies, reactions, @mentions and #hashtags;
people following each other; a pinned welcome post in the coffee corner and one post with an
earlier version. Newer weeks are busier than older ones.

Everything is written in bulk. Texts are rendered by plein.posts.markup with a resolver built
from the people in memory (and the same text is rendered once), so 10,000 people take seconds.
Notifications are not made for all this history: only a handful of unread ones for the demo
accounts, so that the bell shows something on first login.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.accounts.roles import COMMUNITY_MANAGER, EDITOR
from plein.notifications.models import Notification
from plein.people.models import Person
from plein.spaces.models import Membership, Space

from . import markup
from .counters import post_counters_refresh
from .models import (
    Comment,
    Hashtag,
    PersonFollow,
    Post,
    PostFollow,
    PostRevision,
    Reaction,
)

BATCH_SIZE = 1000
WEEKS = 6
POSTS_PER_PERSON = 3
MAX_POSTS = 9000  # a big organisation gets a busy intranet, not an endless one
DEMO_LOGINS = (
    "beheer@example.org",
    "redactie@example.org",
    "manager@example.org",
    "ambassadeur@example.org",
    "medewerker@example.org",
)

# --- Texts -------------------------------------------------------------------------------------
# Placeholders: {day} a weekday, {time} a time, {room} a meeting room, {first} the author's first
# name. A mention (@jan.devries) and hashtags are added by the step, not by the template.

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
TIMES = ("9.00", "10.30", "12.15", "13.00", "14.30", "15.45", "16.00")
ROOMS = (
    "de Raadzaal",
    "vergaderruimte De Linde",
    "de kantine op de tweede verdieping",
    "vergaderruimte 3.12",
    "het Stadscafé",
    "de Burgerzaal",
)

COFFEE_POSTS = (
    "Wie heeft er een oplader voor een laptop van het werk over? Die van mij ligt nog thuis en "
    "ik zit vandaag de hele dag in {room}.",
    "Er staat nog een halve appeltaart in de keuken op de tweede verdieping. Op is op!",
    "Vanaf {day} is de koffieautomaat bij de publiekshal weer gerepareerd. Eindelijk weer "
    "cappuccino in plaats van oploskoffie.",
    "Is er iemand die vaker met de fiets vanuit Noord komt? Ik zoek een fietsmaatje voor de "
    "donkere ochtenden.",
    "Gevonden in {room}: een zwarte paraplu en een blauwe sjaal. Ze liggen bij de receptie.",
    "Vandaag precies 12,5 jaar in dienst! Om {time} staat er gebak in de kantine, iedereen is "
    "welkom.",
    "Tip voor wie net begonnen is: het rooster van de kantine staat op de deur van de keuken en "
    "op {day} is er soep van de week.",
    "Wie wil er meedoen met de pubquiz van de personeelsvereniging? We zoeken nog twee mensen "
    "voor ons team.",
    "De parkeerplaats aan de achterkant is {day} dicht vanwege werkzaamheden. Fiets of OV is "
    "die dag een goed idee.",
    "Bedankt allemaal voor de lieve kaart en de bloemen na mijn operatie. Ik ben over twee weken "
    "weer terug, eerst halve dagen.",
    "Wat lezen jullie op dit moment? Ik ben net klaar met een thriller en zoek iets nieuws voor "
    "de vakantie.",
    "Heeft iemand ervaring met de nieuwe stabureaus op de derde? Ik twijfel of ik er een wil "
    "reserveren.",
    "Op {day} om {time} is er een rondleiding door het archief in de kelder. Echt een aanrader, "
    "je ziet bouwtekeningen van meer dan honderd jaar oud.",
    "De sinterklaasloterij is weer begonnen! Lootjes kosten een euro, de opbrengst gaat naar de "
    "voedselbank.",
    "Wie heeft mijn tupperwarebakje met het groene deksel gezien? Zat nog pasta in...",
    "Goed nieuws: de fietsenstalling krijgt eindelijk extra oplaadpunten voor e-bikes.",
    "Wie doet er mee met de wandelchallenge van de personeelsvereniging? 10.000 stappen per "
    "dag, een maand lang.",
    "Mijn collega's van Burgerzaken hebben gisteren 37 huwelijksaankondigingen in één dag "
    "afgehandeld. Trouwseizoen is begonnen!",
    "De plantjes op de derde verdieping zoeken een oppas tijdens de kerstvakantie. Wie ontfermt "
    "zich erover?",
    "Heeft iemand een goede tip voor een lunchplek in de buurt van buurtkantoor Zuid?",
)
DEPARTMENT_POSTS = (
    "Herinnering: {day} om {time} is ons teamoverleg in {room}. De agenda staat in de gedeelde "
    "map; punten graag vóór woensdag aanleveren.",
    "De nieuwe werkinstructie voor het afhandelen van klachten staat online. Lees hem even door "
    "voor het overleg van {day}, dan bespreken we vragen samen.",
    "Fijn nieuws: de achterstand in onze zaken is de afgelopen maand met een derde afgenomen. "
    "Dank aan iedereen die een stapje extra heeft gezet!",
    "Vanaf volgende week werken we met een nieuw telefoonrooster. Check even of je diensten "
    "kloppen en laat het me voor {day} weten als er iets moet ruilen.",
    "Welkom aan onze nieuwe collega die {day} begint! Loop gerust even langs om kennis te maken.",
    "Wie gaat er mee naar de informatiebijeenkomst over de nieuwe Omgevingswetprocessen op "
    "{day}? We kunnen samen vanaf het stadhuis vertrekken.",
    "Het jaarplan voor volgend jaar is bijna klaar. Ik deel {day} een concept; reacties zijn "
    "welkom tot het eind van de maand.",
    "Kort verslag van de heidag: we hebben drie verbeterpunten gekozen, waaronder minder "
    "dubbele registratie en betere overdracht tussen de teams.",
    "Let op: het zaaksysteem is {day} tussen 17.00 en 20.00 uur niet beschikbaar vanwege "
    "onderhoud.",
    "Ik ben {day} afwezig. Voor dringende zaken kun je terecht bij mijn collega's "
    "van het team; de mailbox wordt gewoon gelezen.",
    "Vraag: hoe gaan jullie om met inwoners die meerdere keren per week bellen over hetzelfde? "
    "Ik hoor graag hoe andere teams dat aanpakken.",
)
GROUP_POSTS = {
    "hardloopclub": (
        "Dinsdag lopen we het rondje langs de singel, 6 kilometer. Verzamelen om 12.15 uur bij "
        "de fietsenstalling.",
        "Wie loopt er mee met de Singelloop? Inschrijven kan nog tot het eind van de maand, de "
        "gemeente betaalt het startgeld.",
        "Mooie ronde vandaag met elf lopers, nieuw record! Volgende week proberen we de 8 "
        "kilometer.",
        "Tip: de douches in de kelder van het stadhuis zijn weer open na de verbouwing.",
    ),
    "fotografie": (
        "Het thema van deze maand is 'de stad bij nacht'. Deel je mooiste foto hier, op {day} "
        "kiezen we een winnaar.",
        "Fotowandeling door het havengebied op {day} om {time}. Neem een statief mee als je dat "
        "hebt.",
        "Weet iemand hoe je de gemeentelijke huisstijlrand om een foto zet? Ik wil er een voor de "
        "nieuwsbrief gebruiken.",
        "Prachtig licht vanochtend boven het park. Zelfs met mijn telefoon lukte het een mooie "
        "foto te maken.",
    ),
    "projectteam-nieuw-stadhuis": (
        "De plattegrond van de publiekshal is aangepast: de balies voor reisdocumenten komen nu "
        "bij de ingang. Reacties graag voor {day}.",
        "Planning verhuizing: het archief gaat als eerste, daarna de teams van Bedrijfsvoering. "
        "De exacte data volgen na het overleg van {day}.",
        "Verslag van de werkplekkensessie staat in de map van het project. Belangrijkste punt: "
        "meer stilteplekken en minder vaste bureaus.",
        "Wie wil er meedenken over de inrichting van de personeelsruimte? We zoeken nog twee "
        "collega's voor de klankbordgroep.",
    ),
    "vertrouwenspersonen": (
        "Intervisie staat gepland op {day} om {time}, in een ruimte buiten het stadhuis. Ik stuur "
        "het adres apart.",
        "Concept van de jaarrapportage staat klaar. Geen namen of herleidbare gegevens, graag nog "
        "even controleren.",
        "Spreekuurrooster voor de komende maand: wie kan de dinsdagochtenden in Noord doen?",
    ),
}
GENERIC_SPACE_POSTS = (
    "Wie neemt {day} de notulen? Ik kan zelf helaas niet.",
    "Kort bericht: het overleg van {day} verschuift naar {time} in {room}.",
    "Goed om te weten: de nieuwe versie van het document staat klaar, graag even lezen.",
    "Welke onderwerpen willen jullie de volgende keer bespreken?",
    "Dank voor de goede bijeenkomst van gisteren! De actiepunten staan in het verslag.",
)
PROFILE_POSTS = (
    "Vandaag mijn eerste week bij de gemeente afgerond. Wat een warm welkom, dank jullie wel!",
    "Na acht jaar bij Burgerzaken ga ik een nieuwe uitdaging aan bij Ruimte. Ik ga de collega's "
    "missen, maar jullie blijven me tegenkomen bij de koffie.",
    "Afgelopen week de training 'Schrijven op B1-niveau' gevolgd. Echt een aanrader: mijn "
    "brieven zijn een stuk korter geworden.",
    "Mooi om te zien hoeveel inwoners vandaag naar de inloopavond over het nieuwe park kwamen. "
    "Dit is waarom ik bij een gemeente werk.",
    "Ik werk deze maand vaker vanuit buurtkantoor Zuid. Kom gerust langs als je in de buurt bent.",
    "Deze week vijf jaar in dienst. De tijd vliegt!",
    "Trots op ons team: de nieuwe aanvraagpagina is live en inwoners zijn er al positief over.",
    "Ben op zoek naar iemand met ervaring in Power BI. Wie wil er een uurtje met me meekijken?",
    "Net terug van het congres over dienstverlening. Volgende week deel ik mijn belangrijkste "
    "lessen in een korte presentatie op {day}.",
    "Mijn tip van de week: zet je status op 'niet storen' als je aan een lastig dossier werkt. "
    "Scheelt een hoop onderbrekingen.",
    "Heb vandaag geholpen bij de voedselinzameling met de vrijwilligers uit de wijk. Wat een "
    "energie!",
    "Wie weet hoe je in Plein je meldingen per ruimte uitzet? Ik krijg er net iets te veel.",
    "Vandaag met een inwoner aan de keukentafel gezeten die al maanden op hulp wachtte. Samen "
    "met de collega's van Wmo hebben we het binnen een week geregeld.",
    "Morgen geef ik een korte workshop over slim vergaderen. Er zijn nog drie plekken vrij!",
    "Na de cursus Excel voor gevorderden durf ik eindelijk draaitabellen te maken. Wie wil er "
    "tips?",
    "Mijn fiets is gestolen bij de stalling achter het stadhuis. Iemand iets gezien? Het is een "
    "groene stadsfiets met een mand voorop.",
    "Wat een mooie opkomst bij de open dag van de gemeentewerf! Meer dan 400 bezoekers, en de "
    "kinderen vonden de veegwagen natuurlijk het mooist.",
    "Ik ben deze week bereikbaar via mijn mobiel; mijn vaste telefoon werkt niet sinds de "
    "verhuizing naar de derde verdieping.",
    "Eerste dag terug na mijn verlof. Ik heb 312 mails, dus even geduld als je op antwoord wacht.",
    "Leuke samenwerking gehad met het team Vergunningen. Dankzij hun snelle advies kan het "
    "buurtfeest in Noord toch doorgaan.",
)
CLOSINGS = (
    "Groetjes, {first}",
    "Fijne dag allemaal!",
    "Alvast bedankt!",
    "Laat het me weten.",
    "Goed weekend alvast!",
)
ANNOUNCEMENTS = (
    "## Welkom op Plein!\n\nVanaf vandaag is Plein ons nieuwe intranet. Hier vind je het nieuws "
    "van Gemeente Voorbeeld, je collega's en alle ruimtes van teams en clubs. Vul je profiel aan "
    "en stel je voor in de Koffiecorner. Vragen? Stel ze gerust aan @{editor} of aan de "
    "ambassadeur van je afdeling. #intranet #onboarding",
    "**Personeelsfeest op vrijdag 12 december**\n\nDit jaar vieren we het eindejaarsfeest in "
    "het Stadscafé, van 16.00 tot 20.00 uur. Er is eten, muziek en een pubquiz. Aanmelden kan "
    "tot 1 december via de personeelsvereniging. #teamuitje",
    "De gemeente wil in 2030 klimaatneutraal werken. Deze maand starten we met *Duurzaam "
    "Donderdag*: elke donderdag een tip over minder printen, minder reizen en minder "
    "verspilling. Heb je zelf een goed idee? Deel het met #duurzaamheid.",
)
PINNED_POST = (
    "**Welkom in de Koffiecorner!** Dit is de plek voor iedereen bij Gemeente Voorbeeld. "
    "Stel jezelf voor, deel een leuke vondst of vraag iets aan collega's. Houd het vriendelijk: "
    "dit is een gezellige plek, geen klachtenloket. #onboarding #intranet"
)
EDITED_FROM = (
    "Het overleg over de nieuwe werkplekken is op donderdag om 14.00 uur in de Raadzaal. "
    "Neem je laptop mee."
)
EDITED_TO = (
    "Het overleg over de nieuwe werkplekken is **verplaatst** naar vrijdag om 10.30 uur in "
    "vergaderruimte De Linde. Neem je laptop mee. #werkplekken"
)
MENTION_SENTENCES = (
    "@{who} weet jij hier meer van?",
    "Dank aan @{who} voor het meedenken!",
    "cc @{who}",
    "@{who} kunnen we dit {day} even bespreken?",
    "Goed idee van @{who} trouwens.",
)
HASHTAGS = (
    "onboarding",
    "duurzaamheid",
    "teamuitje",
    "intranet",
    "werkplekken",
    "omgevingswet",
    "dienstverlening",
    "vitaliteit",
    "hybridewerken",
    "nieuwecollega",
    "digitalisering",
    "samenwerken",
)
# A comment that suits most posts, and the replies it may get (or GENERIC_REPLIES).
COMMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Goed idee!", ("Dank je!", "Fijn dat je het ook zo ziet.")),
    ("Dank je wel voor het delen.", ("Graag gedaan!",)),
    ("Ik ben erbij!", ("Top, tot dan!", "Leuk, zie je daar!")),
    ("Helemaal mee eens.", ()),
    (
        "Kun je de link nog even delen?",
        (
            "Ik heb de link bovenaan in het bericht gezet.",
            "Staat in de gedeelde map, ik stuur hem je.",
        ),
    ),
    (
        "Ik kan {day} helaas niet, is er een andere datum?",
        ("We plannen nog een tweede moment, ik laat het weten.", "Ik stuur je het verslag."),
    ),
    (
        "Heel herkenbaar. Bij ons team speelt hetzelfde.",
        (
            "Zullen we eens samen kijken hoe we dit aanpakken?",
            "Goed om te horen dat we niet de enigen zijn.",
        ),
    ),
    ("Top, dat scheelt een hoop gedoe.", ()),
    ("Mag ik nog aansluiten?", ("Ja hoor, je bent welkom!", "Zeker, er is nog plek.")),
    ("Duidelijk verhaal, dank!", ()),
    (
        "Geldt dit ook voor collega's die parttime werken?",
        ("Goede vraag, ik zoek het uit.", "Ja, we houden rekening met alle roosters."),
    ),
    ("Dit nemen we mee in ons overleg van {day}.", ("Laat maar weten hoe het bevalt!",)),
    ("Staat dit ook ergens op een rijtje?", ("Ik maak er een overzicht van en deel het hier.",)),
    ("Hoe laat precies?", ("Om {time} in {room}.", "Vanaf {time}, loop gerust binnen.")),
    (
        "Wie is hiervoor het aanspreekpunt?",
        ("Dat ben ik, stuur me gerust een bericht.", "Voorlopig het teamsecretariaat."),
    ),
    ("Fijn, dank voor de heads-up!", ()),
    ("Goed geregeld!", ()),
    (
        "Komt er ook een verslag voor wie er niet bij kan zijn?",
        ("Ja, dat zet ik volgende week hier neer.", "Zeker, ik deel het na afloop."),
    ),
)
GENERIC_REPLIES = ("Dank je!", "Haha, precies!", "Eens!", "Goed punt.")
# How often each kind of reaction is chosen (like is the usual one).
REACTION_KINDS = ("like", "love", "celebrate", "insightful", "funny")
REACTION_WEIGHTS = (55, 14, 12, 12, 7)


# --- Planning -----------------------------------------------------------------------------------


@dataclass
class _Place:
    space: Space | None
    members: list[int]  # who may read and write here (everyone for profile posts)
    texts: Sequence[str]
    weight: float
    member_set: set[int] = field(init=False)

    def __post_init__(self) -> None:
        self.member_set = set(self.members)


@dataclass
class _Renderer:
    """Markdown to HTML with mentions resolved against the people in memory, each text once."""

    people_by_local: dict[str, int]
    done: dict[str, markup.Rendered] = field(default_factory=dict)

    def __call__(self, text: str) -> tuple[markup.Rendered, list[int]]:
        rendered = self.done.get(text)
        if rendered is None:
            rendered = markup.render(text, self.resolve)
            self.done[text] = rendered
        return rendered, [self.people_by_local[m.lower()] for m in rendered.mentions]

    def resolve(self, name: str) -> bool:
        return name.lower() in self.people_by_local


def _moment(rng: random.Random, now: datetime) -> datetime:
    """A working moment (a weekday, office hours in the organisation's time zone) in the last
    six weeks, recent days more likely than older ones."""
    days = int(WEEKS * 7 * rng.random() ** 1.7)
    day = timezone.localtime(now) - timedelta(days=days)
    if day.weekday() >= 5:
        # Weekends are quiet: move to the Friday before, or to the Monday after when that
        # Friday is more than six weeks ago.
        back = day.weekday() - 4
        day += timedelta(days=-back if days + back < WEEKS * 7 else 7 - day.weekday())
    moment = day.replace(
        hour=rng.randint(7, 17), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0
    )
    return moment if moment < now else now - timedelta(minutes=rng.randint(5, 600))


def _later(rng: random.Random, after: datetime, now: datetime) -> datetime:
    moment = after + timedelta(minutes=rng.randint(3, 2 * 24 * 60))
    return min(moment, now - timedelta(seconds=rng.randint(1, 300)))


def _fill(rng: random.Random, template: str, first: str, who: str = "") -> str:
    return template.format(
        day=rng.choice(DAYS), time=rng.choice(TIMES), room=rng.choice(ROOMS), first=first, who=who
    )


def _places(person_ids: list[int]) -> list[_Place]:
    members: dict[int, list[int]] = defaultdict(list)
    for space_id, person_id in (
        Membership.objects.filter(state=Membership.State.MEMBER, person__is_active=True)
        .order_by("space_id", "person_id")
        .values_list("space_id", "person_id")
    ):
        members[space_id].append(person_id)
    places = [_Place(None, person_ids, PROFILE_POSTS, 20)]
    for space in Space.objects.order_by("pk"):
        if not members[space.pk]:
            continue
        texts: Sequence[str]
        if space.is_default_for_everyone:
            texts, weight = COFFEE_POSTS, 30.0
        elif space.default_departments.exists():
            texts, weight = DEPARTMENT_POSTS, 3.0
        else:
            texts = GROUP_POSTS.get(space.slug, GENERIC_SPACE_POSTS)
            weight = 3.0 if space.slug in GROUP_POSTS else 1.0
        places.append(_Place(space, members[space.pk], texts, weight))
    return places


def _role_holder(logins: dict[str, int], email: str, role: str) -> int | None:
    if email in logins:
        return logins[email]
    group = Group.objects.filter(name=role).first()
    if group is None:
        return None
    return group.user_set.filter(is_active=True).order_by("pk").values_list("pk", flat=True).first()


# --- The step -----------------------------------------------------------------------------------


def posts_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """About three posts per person over six weeks, with comments, reactions and follows."""
    if Post.objects.exists():
        stdout.write("  posts: kept as they were")
        return
    rows = list(
        Person.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "email", "first_name")
    )
    if not rows:
        stdout.write("  posts: none (no people)")
        return
    person_ids = [pk for pk, _email, _first in rows]
    first_names = {pk: first for pk, _email, first in rows}
    by_local: dict[str, int] = {}
    for pk, email, _first in rows:
        by_local.setdefault(email.rsplit("@", 1)[0].lower(), pk)
    local_of = {pk: local for local, pk in by_local.items()}
    logins = {email: pk for pk, email, _first in rows if email in DEMO_LOGINS}
    render = _Renderer(by_local)
    now = timezone.now()
    places = _places(person_ids)
    weights = [place.weight for place in places]

    posts: list[Post] = []
    post_places: list[_Place] = []

    def add(place: _Place, author: int, body: str, **extra: object) -> Post:
        post = Post(author_id=author, space=place.space, body=body, **extra)
        posts.append(post)
        post_places.append(place)
        return post

    # The pinned welcome in the coffee corner, by its owner, and the announcements.
    coffee = next((p for p in places if p.space and p.space.is_default_for_everyone), None)
    if coffee is not None and coffee.space is not None:
        owner = (
            Membership.objects.filter(space=coffee.space, role=Membership.Role.OWNER)
            .order_by("pk")
            .values_list("person_id", flat=True)
            .first()
        ) or coffee.members[0]
        moment = now - timedelta(days=WEEKS * 7 - 1, hours=3)
        add(coffee, owner, PINNED_POST, created_at=moment, pinned_at=moment)
    editor = _role_holder(logins, "redactie@example.org", EDITOR.key) or _role_holder(
        logins, "beheer@example.org", COMMUNITY_MANAGER.key
    )
    everyone = places[0]
    if editor is not None:
        for days, text in zip((WEEKS * 7 - 2, 16, 3), ANNOUNCEMENTS, strict=True):
            body = text.format(editor=local_of.get(editor, ""))
            add(everyone, editor, body, is_announcement=True, created_at=now - timedelta(days=days))

    # The stream: authors are members of the place they post in.
    total = min(POSTS_PER_PERSON * len(person_ids), MAX_POSTS)
    login_ids = list(logins.values())
    for number in range(total):
        place = rng.choices(places, weights)[0]
        # The demo accounts write a little more than most, so their profiles are not empty.
        author = (
            login_ids[number // 7 % len(login_ids)]
            if login_ids and number % 7 == 0 and number < 7 * 3 * len(login_ids)
            else rng.choice(place.members)
        )
        if place.space is not None and author not in place.member_set:
            author = rng.choice(place.members)
        body = _fill(rng, rng.choice(place.texts), first_names[author])
        if rng.random() < 0.2:
            body += " " + _fill(rng, rng.choice(CLOSINGS), first_names[author])
        if rng.random() < 0.25:
            who = rng.choice(place.members)
            if who != author and who in local_of:
                body += " " + _fill(rng, rng.choice(MENTION_SENTENCES), "", local_of[who])
        if rng.random() < 0.35:
            tags = rng.sample(HASHTAGS, rng.choice((1, 1, 2)))
            body += "\n\n" + " ".join(f"#{tag}" for tag in tags)
        add(place, author, body, created_at=_moment(rng, now))

    # One post was edited: its earlier text is kept as a revision.
    edited = next((p for p in posts if p.space is not None and not p.pinned_at), None)
    edited_at = now
    if edited is not None:
        edited.body = EDITED_TO
        edited.edited_at = edited_at = min(edited.created_at + timedelta(hours=2), now)

    mention_rows: list[tuple[int, int]] = []  # (post index, person id)
    tag_rows: list[tuple[int, str]] = []
    for index, post in enumerate(posts):
        rendered, mentioned = render(post.body)
        post.body_html = rendered.html
        mention_rows += [(index, pk) for pk in mentioned if pk != post.author_id]
        tag_rows += [(index, name) for name in rendered.hashtags]
    Post.objects.bulk_create(posts, batch_size=BATCH_SIZE)
    if posts[0].pk is None:  # a database that cannot return ids from a bulk insert
        ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
        for post, pk in zip(posts, ids, strict=True):
            post.pk = post.id = pk
    if edited is not None:
        PostRevision.objects.create(
            post=edited,
            body=EDITED_FROM,
            written_at=edited.created_at,
            replaced_by_id=edited.author_id,
            replaced_at=edited_at,
        )

    names = sorted({name for _index, name in tag_rows})
    Hashtag.objects.bulk_create([Hashtag(name=n) for n in names], ignore_conflicts=True)
    tag_ids = dict(Hashtag.objects.filter(name__in=names).values_list("name", "pk"))
    Post.hashtags.through.objects.bulk_create(
        [Post.hashtags.through(post_id=posts[i].pk, hashtag_id=tag_ids[n]) for i, n in tag_rows],
        batch_size=BATCH_SIZE,
    )
    Post.mentioned_people.through.objects.bulk_create(
        [
            Post.mentioned_people.through(post_id=posts[i].pk, person_id=pk)
            for i, pk in mention_rows
        ],
        batch_size=BATCH_SIZE,
    )

    # Comments (some with replies), then reactions to posts and comments.
    comments: list[Comment] = []
    comment_places: list[_Place] = []
    follows: set[tuple[int, int]] = {(post.author_id, post.pk) for post in posts}
    for post, place in zip(posts, post_places, strict=True):
        count = min(int(rng.expovariate(1 / 1.8)), 8)
        top: list[tuple[Comment, tuple[str, ...]]] = []
        for _ in range(count):
            author = rng.choice(place.members)
            parent, replies = rng.choice(top) if top and rng.random() < 0.3 else (None, ())
            if parent is not None:
                template = rng.choice(replies or GENERIC_REPLIES)
            else:
                template, replies = rng.choice(COMMENTS)
            after = parent.created_at if parent is not None else post.created_at
            body = _fill(rng, template, first_names[author])
            addressed = parent.author_id if parent is not None else post.author_id
            if addressed != author and addressed in local_of and rng.random() < 0.15:
                body = f"@{local_of[addressed]} {body}"
            comment = Comment(
                post=post,
                parent=parent,
                author_id=author,
                body=body,
                created_at=_later(rng, after, now),
            )
            if parent is None:
                top.append((comment, replies))
            comments.append(comment)
            comment_places.append(place)
            follows.add((author, post.pk))
    comment_mentions: list[tuple[Comment, int]] = []
    for comment in comments:
        rendered, mentioned = render(comment.body)
        comment.body_html = rendered.html
        comment_mentions += [(comment, pk) for pk in mentioned]
    # Top-level comments first, so that replies can point at their ids.
    Comment.objects.bulk_create([c for c in comments if c.parent is None], batch_size=BATCH_SIZE)
    for comment in comments:
        if comment.parent is not None:
            comment.parent_id = comment.parent.pk
    Comment.objects.bulk_create(
        [c for c in comments if c.parent is not None], batch_size=BATCH_SIZE
    )

    Comment.mentioned_people.through.objects.bulk_create(
        [
            Comment.mentioned_people.through(comment_id=c.pk, person_id=pk)
            for c, pk in comment_mentions
        ],
        batch_size=BATCH_SIZE,
    )

    reactions: list[Reaction] = []
    for post, place in zip(posts, post_places, strict=True):
        count = min(int(rng.expovariate(1 / 3.5)), len(place.members))
        for person in rng.sample(place.members, count):
            reactions.append(
                Reaction(
                    person_id=person,
                    post=post,
                    kind=rng.choices(REACTION_KINDS, REACTION_WEIGHTS)[0],
                    created_at=_later(rng, post.created_at, now),
                )
            )
    for comment, place in zip(comments, comment_places, strict=True):
        if rng.random() < 0.3:
            count = min(rng.randint(1, 3), len(place.members))
            for person in rng.sample(place.members, count):
                reactions.append(
                    Reaction(
                        person_id=person,
                        comment=comment,
                        kind=rng.choices(REACTION_KINDS, REACTION_WEIGHTS)[0],
                        created_at=_later(rng, comment.created_at, now),
                    )
                )
    Reaction.objects.bulk_create(reactions, batch_size=BATCH_SIZE)
    post_counters_refresh(post_ids=[post.pk for post in posts])
    PostFollow.objects.bulk_create(
        [PostFollow(person_id=person, post_id=post) for person, post in sorted(follows)],
        batch_size=BATCH_SIZE,
    )

    # Who follows whom: a few colleagues each, and the demo accounts follow each other.
    person_follows: set[tuple[int, int]] = set()
    for person in person_ids:
        for followed in rng.sample(person_ids, min(rng.randint(0, 4), len(person_ids))):
            if followed != person:
                person_follows.add((person, followed))
    for a in login_ids:
        person_follows.update((a, b) for b in login_ids if a != b)
    PersonFollow.objects.bulk_create(
        [PersonFollow(follower_id=a, followed_id=b) for a, b in sorted(person_follows)],
        batch_size=BATCH_SIZE,
    )

    made = _login_notifications(logins, posts, post_places, comments, mention_rows)
    stdout.write(
        f"  posts: {len(posts)} posts, {len(comments)} comments, {len(reactions)} reactions, "
        f"{len(names)} hashtags, {len(person_follows)} follows, {made} notifications"
    )


def _login_notifications(
    logins: dict[str, int],
    posts: list[Post],
    places: list[_Place],
    comments: list[Comment],
    mention_rows: list[tuple[int, int]],
) -> int:
    """A few unread notifications for each demo account: the newest comments on their posts and
    mentions of them, in places they can read."""
    login_ids = set(logins.values())
    found: dict[int, list[Notification]] = defaultdict(list)
    for index, person in mention_rows:
        post = posts[index]
        if person in login_ids and (
            places[index].space is None or person in places[index].member_set
        ):
            found[person].append(
                Notification(
                    recipient_id=person,
                    actor_id=post.author_id,
                    kind=Notification.Kind.MENTION,
                    post=post,
                    space_id=post.space_id,
                    created_at=post.created_at,
                )
            )
    for comment in comments:
        owner = comment.post.author_id
        if owner in login_ids and comment.author_id != owner and comment.parent is None:
            found[owner].append(
                Notification(
                    recipient_id=owner,
                    actor_id=comment.author_id,
                    kind=Notification.Kind.COMMENT,
                    post=comment.post,
                    comment=comment,
                    space_id=comment.post.space_id,
                    created_at=comment.created_at,
                )
            )
    rows = [
        n
        for person in sorted(found)
        for n in sorted(found[person], key=lambda n: n.created_at, reverse=True)[:4]
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)
