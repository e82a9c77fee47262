"""Demo news for Gemeente Voorbeeld: written by the editors' desk over recent weeks, some
featured, two must-read with partial confirmations, one planned for tomorrow and one for a
department (and its teams)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Department, Location, Person
from plein.people.roles import COMMUNITY_MANAGER, EDITOR
from plein.posts import markup
from plein.posts.counters import post_counters_refresh
from plein.posts.demo import DEMO_LOGINS
from plein.posts.models import Post, PostFollow, Reaction

from . import permissions
from .models import NewsItem, ReadConfirmation

EDITOR_LOGIN = "redactie@example.org"


@dataclass(frozen=True)
class _Item:
    days_ago: float  # negative: planned ahead
    title: str
    lead: str
    body: str
    featured: bool = False
    must_read: bool = False
    department_code: str = ""
    location_word: str = ""
    confirm_share: float = 0.0


ITEMS: tuple[_Item, ...] = (
    _Item(
        34,
        "Nieuwe werkplekken op de tweede verdieping van het stadhuis",
        "Na de zomer is de tweede verdieping verbouwd tot een open werkomgeving met stilteruimtes "
        "en belcellen. Vanaf maandag kun je er een plek reserveren.",
        "De verbouwing van de tweede verdieping is klaar. Er zijn **64 flexplekken**, zes "
        "stilteruimtes en acht belcellen bijgekomen.\n\n"
        "- Reserveren gaat via de werkplekapp, net als op de andere verdiepingen.\n"
        "- De stilteruimtes zijn bedoeld voor geconcentreerd werk: bellen doe je in een belcel.\n"
        "- Heb je een aangepaste werkplek nodig? Meld het bij Facilitair.\n\n"
        "Dank aan iedereen die de afgelopen maanden met de bouwoverlast heeft leren leven!",
        featured=True,
    ),
    _Item(
        26,
        "Nieuwe gedragscode informatiebeveiliging: lezen en bevestigen",
        "Vanaf 1 december geldt een vernieuwde gedragscode voor het omgaan met informatie en "
        "apparatuur. Iedere medewerker leest hem en bevestigt dat hier.",
        "De gemeente werkt elke dag met gegevens van inwoners. Daarom is de gedragscode "
        "informatiebeveiliging vernieuwd, in lijn met de BIO.\n\n"
        "**Wat verandert er?**\n\n"
        "1. Werk alleen op apparaten van de gemeente of via de beveiligde werkomgeving.\n"
        "2. Deel documenten met externen alleen via de beveiligde deellink, nooit als bijlage.\n"
        "3. Meld een (mogelijk) datalek binnen een uur bij de servicedesk, ook buiten "
        "kantoortijd.\n"
        "4. Vergrendel je scherm als je je werkplek verlaat.\n\n"
        "Lees de gedragscode rustig door en klik daarna op de knop om te bevestigen dat je hem "
        "hebt gelezen. Vragen? Stel ze aan de security officer.",
        featured=True,
        must_read=True,
        confirm_share=0.6,
    ),
    _Item(
        19,
        "Gemeente Voorbeeld wint prijs voor digitale dienstverlening",
        "De nieuwe website en het digitale loket zijn door de Vereniging van Gemeenten "
        "uitgeroepen tot beste van de regio.",
        "Inwoners kunnen sinds dit voorjaar bijna alle producten van Burgerzaken online "
        "aanvragen. De jury prees vooral de heldere taal en de toegankelijkheid van de formulieren."
        "\n\nDe prijs is een compliment voor de teams van Publiekszaken, ICT en Communicatie, die "
        "samen met inwoners elke maand een stukje verbeterden. Vrijdag is er taart in de kantine!",
        featured=True,
    ),
    _Item(
        12,
        "Nieuwe werkwijze bij paspoortaanvragen vanaf volgende maand",
        "Voor aanvragen van paspoorten en ID-kaarten werken we vanaf volgende maand alleen nog "
        "op afspraak. Dit bericht is voor Burgerzaken en zijn teams.",
        "Vanaf de eerste van de volgende maand werken de balies van Burgerzaken alleen nog op "
        "afspraak voor reisdocumenten. Inloop is dan niet meer mogelijk.\n\n"
        "- Het afsprakensysteem toont per dag twee extra spoedplekken.\n"
        "- Het klantcontactcentrum plant afspraken in voor inwoners die niet online kunnen.\n"
        "- In de eerste twee weken staat er een gastvrouw bij de ingang van het stadhuis.\n\n"
        "De teamleiders bespreken de nieuwe roosters in het werkoverleg.",
        must_read=True,
        department_code="BZ",
        confirm_share=0.45,
    ),
    _Item(
        8,
        "Gladheidsbestrijding: de strooiwagens staan klaar",
        "Het winterseizoen is begonnen. De medewerkers van de gemeentewerf staan vanaf nu paraat "
        "om wegen en fietspaden ijsvrij te houden.",
        "Tot en met maart draaien de medewerkers van de werf een consignatierooster voor "
        "gladheidsbestrijding. Bij een gladheidsmelding rijden binnen een uur tien strooiroutes."
        "\n\nWie op de werf werkt: kijk in het rooster wanneer je piket hebt en zorg dat je "
        "telefoon aan staat.",
        location_word="werf",
    ),
    _Item(
        4,
        "Terugblik op de vrijwilligersdag in het Stadspark",
        "Ruim zeventig collega's plantten vorige week bollen, schilderden bankjes en bouwden "
        "insectenhotels in het Stadspark.",
        "Wat een dag! Samen met buurtbewoners en de scholen uit de wijk zijn **12.000 bollen** "
        "geplant. In het voorjaar bloeit het park in de kleuren van de gemeente.\n\n"
        "Foto's staan in de ruimte Koffiecorner. Doe je volgend jaar ook mee?",
    ),
    _Item(
        1.5,
        "Kerstpakketten: kies vóór 10 december",
        "Dit jaar kies je zelf je kerstpakket uit drie opties, waaronder een donatie aan de "
        "voedselbank. De keuzelink staat in je mail.",
        "Net als vorig jaar kies je zelf: een pakket met lokale producten, een cadeaubon voor "
        "de winkels in het centrum, of een donatie aan de voedselbank van Voorbeeld. Kies je niet "
        "voor 10 december, dan ontvang je het pakket met lokale producten.",
    ),
    _Item(
        -1,
        "Storing: het zaaksysteem is zaterdag niet beschikbaar",
        "Zaterdag tussen 8.00 en 14.00 uur wordt het zaaksysteem bijgewerkt. In die tijd kun je "
        "niet inloggen.",
        "ICT voert zaterdag een grote update uit van het zaaksysteem. Sla je werk vrijdag voor "
        "17.00 uur op. Na de update zie je een vernieuwd overzicht van je werkvoorraad; een korte "
        "uitleg volgt maandag op Plein.",
    ),
)


def _editor_id() -> int | None:
    found = Person.objects.filter(email=EDITOR_LOGIN, is_active=True).values_list("pk", flat=True)
    if pk := found.first():
        return pk
    for role in (EDITOR.key, COMMUNITY_MANAGER.key):
        group = Group.objects.filter(name=role).first()
        if group is not None:
            members = group.user_set.filter(is_active=True).order_by("pk")
            if first := members.values_list("pk", flat=True).first():
                return int(first)
    return None


def news_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Eight news items by the editors' desk, with confirmations and a few reactions."""
    if NewsItem.objects.exists():
        stdout.write("  news: kept as they were")
        return
    editor = _editor_id()
    if editor is None:
        stdout.write("  news: none (no editor)")
        return
    now = timezone.now()
    posts, dept_of, location_of = _posts(rng, editor, now)
    items = _save_items(editor, posts, dept_of, location_of)
    confirmations, reactions = _confirmations_and_reactions(rng, editor, posts, items, now)
    ReadConfirmation.objects.bulk_create(confirmations, batch_size=1000)
    Reaction.objects.bulk_create(reactions, batch_size=1000)
    post_counters_refresh(post_ids=[post.pk for post in posts])
    stdout.write(
        f"  news: {len(posts)} items, {len(confirmations)} read confirmations, "
        f"{len(reactions)} reactions"
    )


def _posts(
    rng: random.Random, editor: int, now: datetime
) -> tuple[list[Post], dict[int, Department], dict[int, Location]]:
    """The posts of ITEMS, not saved yet, and the department and location that items aim at
    (by their index in ITEMS)."""
    departments = {d.code: d for d in Department.objects.exclude(code=None)}
    locations = list(Location.objects.order_by("pk"))
    posts: list[Post] = []
    dept_of: dict[int, Department] = {}
    location_of: dict[int, Location] = {}
    for n, spec in enumerate(ITEMS):
        moment = now - timedelta(days=spec.days_ago, hours=rng.randint(0, 5))
        if spec.days_ago < 0:  # planned: tomorrow morning, Dutch time
            moment = timezone.localtime(now + timedelta(days=1)).replace(
                hour=8, minute=0, second=0, microsecond=0
            )
        if spec.department_code in departments:
            dept_of[n] = departments[spec.department_code]
        found = [
            loc
            for loc in locations
            if spec.location_word and spec.location_word in loc.name.lower()
        ]
        if found:
            location_of[n] = found[0]
        posts.append(
            Post(
                author_id=editor,
                kind=Post.Kind.NEWS,
                is_announcement=True,
                title=spec.title,
                body=spec.body,
                body_html=markup.render(spec.body, lambda name: None).html,
                created_at=moment,
                is_targeted=n in dept_of or n in location_of,
            )
        )
    return posts, dept_of, location_of


def _save_items(
    editor: int,
    posts: list[Post],
    dept_of: dict[int, Department],
    location_of: dict[int, Location],
) -> list[NewsItem]:
    """Write the posts with their audiences, their news items, and the editor following them."""
    Post.objects.bulk_create(posts)
    Post.audience_departments.through.objects.bulk_create(
        [
            Post.audience_departments.through(post_id=posts[n].pk, department_id=d.pk)
            for n, d in dept_of.items()
        ]
    )
    Post.audience_locations.through.objects.bulk_create(
        [
            Post.audience_locations.through(post_id=posts[n].pk, location_id=loc.pk)
            for n, loc in location_of.items()
        ]
    )
    items = [
        NewsItem(
            post=post,
            lead=spec.lead,
            featured=spec.featured,
            must_read=spec.must_read,
            must_read_notified_at=post.created_at if spec.must_read else None,
        )
        for post, spec in zip(posts, ITEMS, strict=True)
    ]
    NewsItem.objects.bulk_create(items)
    PostFollow.objects.bulk_create([PostFollow(person_id=editor, post=post) for post in posts])
    return items


def _confirmations_and_reactions(
    rng: random.Random, editor: int, posts: list[Post], items: list[NewsItem], now: datetime
) -> tuple[list[ReadConfirmation], list[Reaction]]:
    """Read confirmations of the must-reads (not by the demo accounts) and reactions from the
    people each published item reaches; not saved yet."""
    demo_logins = set(Person.objects.filter(email__in=DEMO_LOGINS).values_list("pk", flat=True))
    confirmations: list[ReadConfirmation] = []
    reactions: list[Reaction] = []
    kinds = [Reaction.Kind.LIKE, Reaction.Kind.CELEBRATE, Reaction.Kind.INSIGHTFUL]
    for post, item, spec in zip(posts, items, ITEMS, strict=True):
        if spec.days_ago < 0:
            continue
        reached = list(
            permissions.targeted_people(post).exclude(pk=editor).values_list("pk", flat=True)
        )
        if spec.must_read:
            # The demo accounts have not confirmed yet, so they see the button.
            readers = [pk for pk in reached if pk not in demo_logins]
            for pk in rng.sample(readers, int(len(readers) * spec.confirm_share)):
                moment = post.created_at + timedelta(hours=rng.uniform(0.2, spec.days_ago * 20))
                confirmations.append(
                    ReadConfirmation(news=item, person_id=pk, confirmed_at=min(moment, now))
                )
        for pk in rng.sample(reached, min(len(reached), rng.randint(3, 25))):
            reactions.append(
                Reaction(person_id=pk, post=post, kind=rng.choice(kinds), created_at=now)
            )
    return confirmations, reactions
