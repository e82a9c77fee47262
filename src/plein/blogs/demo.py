"""The demo step for blogs: Peter van den Berg (manager@example.org, teamleider Publiekszaken)
writes his weekly "Keek op de week", a few colleagues write an entry of their own, and several
colleagues follow Peter so his entries reach their stream.

A handful of rows, written directly (the posts demo writes its history the same way); texts are
rendered by plein.posts so they look exactly like entries written on the site.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person
from plein.posts.counters import post_counters_refresh
from plein.posts.models import Comment, PersonFollow, Post, PostFollow, Reaction
from plein.posts.services import render_body

from .models import BlogEntry, Series

MANAGER = "manager@example.org"
FOLLOWERS = 8
SERIES_TITLE = "Keek op de week"
SERIES_DESCRIPTION = (
    "Elke vrijdag blik ik terug op de week bij Publiekszaken: wat ging er goed, wat kan beter "
    "en wat komt er aan. Reageren mag altijd, ook als je het ergens niet mee eens bent."
)

# (title, body), oldest first: one a week.
WEEKLY = (
    (
        "Keek op de week: een drukke start na de vakantie",
        "Wat een week! Na de zomer stond de balie meteen weer vol. Maandag hadden we **87 "
        "afspraken** voor paspoorten en ID-kaarten, een record voor dit jaar.\n\n"
        "Een paar dingen die me opvielen:\n\n"
        "- De nieuwe wachtruimte bevalt goed; bewoners zeggen dat het rustiger voelt.\n"
        "- Het afsprakensysteem liep dinsdag even vast. Dank aan ICT voor de snelle hulp.\n"
        "- Twee nieuwe collega's zijn begonnen bij het KCC. Welkom!\n\n"
        "Volgende week start de pilot met avondopenstelling op donderdag. Wie een avond wil "
        "meedraaien: laat het me weten.\n\nFijn weekend allemaal!",
    ),
    (
        "Keek op de week: de eerste avondopenstelling",
        "Donderdagavond waren we voor het eerst tot acht uur open. Er kwamen **34 bewoners**, "
        "vooral mensen die overdag werken en anders een vrije dag moesten nemen.\n\n"
        "Wat we leerden:\n\n"
        "1. Bewoners vinden het fijn, de reacties waren heel positief.\n"
        "2. We hebben een tweede balie nodig tussen zes en zeven uur.\n"
        "3. De koffieautomaat gaat om zes uur uit. Daar gaan we iets aan doen.\n\n"
        "Dank aan iedereen die meedraaide. We evalueren de pilot over vier weken in het "
        "teamoverleg.",
    ),
    (
        "Keek op de week: klanttevredenheid en een compliment",
        "Deze week kwamen de resultaten van het klanttevredenheidsonderzoek binnen. We scoren "
        "gemiddeld een **8,1**, net iets hoger dan vorig jaar.\n\n"
        'Het mooiste vond ik de opmerking van een bewoner over de balie: *"Ik werd geholpen '
        'alsof ik de enige klant van de dag was."* Dat compliment is voor jullie allemaal.\n\n'
        "Er zijn ook punten om aan te werken. De telefonische bereikbaarheid rond het middaguur "
        "blijft lastig. Ik ga met het KCC kijken of we de pauzes anders kunnen spreiden.",
    ),
    (
        "Keek op de week: digitaal verhuizen doorgeven",
        "Sinds maandag kunnen bewoners hun verhuizing volledig digitaal doorgeven, ook als ze "
        "samen met anderen verhuizen. In vijf dagen kwamen er al **212 meldingen** binnen, "
        "waarvan maar een handvol met vragen.\n\n"
        "Dat scheelt ons veel telefoontjes en balie-afspraken. De tijd die vrijkomt willen we "
        "gebruiken voor bewoners die hulp nodig hebben bij digitale zaken.\n\n"
        "Heb je ideeën hoe we die groep beter kunnen bereiken? Reageer hieronder of loop even "
        "binnen.",
    ),
    (
        "Keek op de week: voorbereiding verkiezingen",
        "De verkiezingen komen eraan en dat merken we. Deze week zijn de stempassen verstuurd en "
        "zijn we begonnen met het werven van stembureauleden.\n\n"
        "Een paar praktische punten:\n\n"
        "- Vervangende stempassen vraag je aan bij de balie of digitaal.\n"
        "- We zoeken nog **collega's voor de telling** op de avond zelf.\n"
        "- De training voor voorzitters is op dinsdag in de raadzaal.\n\n"
        "Het wordt een drukke periode, maar ik weet dat we het samen goed gaan doen. Dank voor "
        "jullie inzet!",
    ),
)

OTHER_ENTRIES = (
    (
        "Wat ik leerde van een week meelopen bij de buitendienst",
        "Vorige week liep ik een week mee met de collega's van de buitendienst. Ik heb meer "
        "geleerd over onze wijken dan in een jaar achter mijn bureau.\n\n"
        "Wat me het meest bijbleef: bewoners spreken je overal aan, en ze verwachten dat je "
        "weet wie wat doet bij de gemeente. Een goede reden om dit intranet bij te houden!",
    ),
    (
        "Drie tips voor kortere vergaderingen",
        "We vergaderen veel, en vaak te lang. Dit werkt voor ons team:\n\n"
        "1. Begin met het besluit dat je wilt nemen.\n"
        "2. Stuur stukken minstens twee dagen vooraf.\n"
        "3. Sluit af met wie wat doet en voor wanneer.\n\n"
        "Welke tips hebben jullie?",
    ),
    (
        "Terugblik op de cursus schrijven in begrijpelijke taal",
        "Deze maand volgde ik de cursus begrijpelijke taal. De belangrijkste les: schrijf zoals "
        "je praat, en lees je brief hardop voor je hem verstuurt.\n\n"
        "Ik heb de standaardbrief over parkeervergunningen herschreven. Hij is nu de helft "
        "korter. Wie wil meelezen met de volgende?",
    ),
)

COMMENTS = (
    "Mooi om te lezen, dank voor het delen!",
    "Herkenbaar. Goed dat je dit zo opschrijft.",
    "Ik draai graag een avond mee.",
    "Wat een mooi resultaat, complimenten aan het hele team.",
    "Goed idee, ik denk graag mee.",
    "Dank voor de update, Peter.",
)


def _entry(author_id: int, title: str, body: str, created_at: datetime) -> Post:
    rendered, _people = render_body(body)
    return Post(
        author_id=author_id,
        kind=Post.Kind.BLOG,
        title=title,
        body=body,
        body_html=rendered.html,
        created_at=created_at,
    )


def blogs_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """A manager's weekly series, a few other entries, followers for the manager."""
    if BlogEntry.objects.exists() or Series.objects.exists():
        stdout.write("  blogs: kept as they were")
        return
    manager = Person.objects.filter(email=MANAGER, is_active=True).first()
    if manager is None:
        stdout.write("  blogs: none (no manager)")
        return
    others = list(
        Person.objects.filter(is_active=True)
        .exclude(pk=manager.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    posts, series = _entries(rng, manager, others, now)
    Post.objects.bulk_create(posts)
    BlogEntry.objects.bulk_create(
        [
            BlogEntry(post=post, series=series if post.author_id == manager.pk else None)
            for post in posts
        ]
    )
    PostFollow.objects.bulk_create(
        [PostFollow(person_id=post.author_id, post=post) for post in posts], ignore_conflicts=True
    )
    followers = rng.sample(others, min(FOLLOWERS, len(others)))
    PersonFollow.objects.bulk_create(
        [PersonFollow(follower_id=pk, followed=manager) for pk in followers],
        ignore_conflicts=True,
    )
    comments, reactions = _comments_and_reactions(rng, posts, others, now)
    Comment.objects.bulk_create(comments)
    Reaction.objects.bulk_create(reactions)
    post_counters_refresh(post_ids=[post.pk for post in posts])
    stdout.write(
        f"  blogs: 1 series, {len(posts)} entries, {len(comments)} comments, "
        f"{len(followers)} followers of {manager.get_full_name()}"
    )


def _entries(
    rng: random.Random, manager: Person, others: list[int], now: datetime
) -> tuple[list[Post], Series]:
    """The manager's series (written) and the entries, not saved yet: the weekly ones on Fridays
    at four, one a week, the newest this past week; then one each by a few colleagues."""
    four_pm = now.replace(hour=16, minute=0, second=0, microsecond=0)
    last_friday = four_pm - timedelta(days=(four_pm.weekday() - 4) % 7 or 7)
    series = Series.objects.create(
        owner=manager,
        title=SERIES_TITLE,
        slug="keek-op-de-week",
        description=SERIES_DESCRIPTION,
        created_at=last_friday - timedelta(weeks=len(WEEKLY)),
    )
    posts = [
        _entry(manager.pk, title, body, last_friday - timedelta(weeks=len(WEEKLY) - 1 - n))
        for n, (title, body) in enumerate(WEEKLY)
    ]
    writers = rng.sample(others, min(len(OTHER_ENTRIES), len(others)))
    for writer, (title, body) in zip(writers, OTHER_ENTRIES, strict=False):
        moment = four_pm - timedelta(days=rng.randint(2, 30), hours=rng.randint(0, 6))
        posts.append(_entry(writer, title, body, moment))
    return posts, series


def _comments_and_reactions(
    rng: random.Random, posts: list[Post], others: list[int], now: datetime
) -> tuple[list[Comment], list[Reaction]]:
    """Up to two comments and a few reactions on each entry by colleagues, not saved yet."""
    comments, reactions = [], []
    for post in posts:
        for pk in rng.sample(others, min(rng.randint(0, 2), len(others))):
            body = rng.choice(COMMENTS)
            comments.append(
                Comment(
                    post=post,
                    author_id=pk,
                    body=body,
                    body_html=f"<p>{body}</p>",
                    created_at=min(post.created_at + timedelta(hours=rng.randint(1, 48)), now),
                )
            )
        for pk in rng.sample(others, min(rng.randint(2, 9), len(others))):
            kind = rng.choice(Reaction.Kind.values)
            reactions.append(Reaction(person_id=pk, post=post, kind=kind))
    return comments, reactions
