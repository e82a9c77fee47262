"""Demo kudos over the last weeks and this week's spotlight (a colleague and a popular post)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.notifications.models import Notification
from plein.people.models import Person
from plein.people.roles import COMMUNITY_MANAGER
from plein.posts import markup
from plein.posts.counters import post_counters_refresh
from plein.posts.demo import DEMO_LOGINS, _moment, _role_holder
from plein.posts.models import Post, PostFollow

from .models import Badge, KudosDetails, Spotlight
from .permissions import public_posts

MIN_KUDOS, MAX_KUDOS = 15, 30

# {first} is the recipient's first name.
MESSAGES = (
    "Dank je wel {first}, voor je hulp bij de overdracht. Zonder jou was het nooit op tijd af!",
    "{first}, wat fijn dat je gisteren inviel bij het loket. Echt collegiaal.",
    "Top hoe je die lastige melding van een inwoner hebt opgelost, {first}.",
    "Je idee om de intake digitaal te doen scheelt ons uren per week. Dank je, {first}!",
    "{first} heeft de nieuwe collega's zo goed wegwijs gemaakt. Verdiend!",
    "Bedankt voor het meedenken over de planning, {first}. Heel prettig samenwerken.",
    "{first}, je presentatie in het teamoverleg was helder en to the point. Compliment!",
    "Dank voor het oppakken van de storing vanochtend, {first}. Snel en rustig opgelost.",
    "Wat een energie bracht je op de heidag, {first}. Dank je wel!",
    "{first} bleef tot het eind om de raadsstukken op tijd klaar te krijgen. Respect!",
    "Dankzij {first} zijn alle dossiers weer op orde. Wat een klus.",
    "{first}, bedankt dat je je kennis van het nieuwe systeem zo gul deelt.",
)
SPOTLIGHT_PERSON = "Deze week in het zonnetje: veel collega's bedankten {first} de afgelopen weken."
SPOTLIGHT_POST = "Veel gelezen en besproken: lees en praat mee."


def kudos_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Kudos between colleagues (demo logins among them), and this week's spotlight."""
    if KudosDetails.objects.exists():
        stdout.write("  kudos: kept as they were")
        return
    rows = list(
        Person.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "email", "first_name")
    )
    badges = list(Badge.objects.filter(is_active=True).order_by("position", "pk"))
    if len(rows) < 2 or not badges:
        stdout.write("  kudos: none (too few people or no badges)")
        return
    ids = [pk for pk, _email, _first in rows]
    first_names = {pk: first for pk, _email, first in rows}
    logins = [pk for pk, email, _first in rows if email in DEMO_LOGINS]
    count = max(MIN_KUDOS, min(MAX_KUDOS, len(ids) // 20))
    now = timezone.now()

    pairs = _pairs(rng, ids, logins, count)
    # The demo logins' kudos are among the newest, so they are seen on the first page.
    moments = sorted((_moment(rng, now) for _pair in pairs), reverse=True)
    posts, details = _kudos_posts(rng, pairs, moments, first_names, badges)
    _save_kudos(posts, details)
    _notify_logins(posts, details, logins)
    post_counters_refresh(post_ids=[post.pk for post in posts])

    spotlights = _spotlight(rng, logins, [recipient for recipient, _badge in details], first_names)
    stdout.write(f"  kudos: {len(posts)}, {spotlights} in the spotlight")


def _pairs(
    rng: random.Random, ids: list[int], logins: list[int], count: int
) -> list[tuple[int, int]]:
    """Who thanks whom (giver, recipient): every demo login gives one and receives one, then
    random colleagues up to count."""
    pairs: list[tuple[int, int]] = []
    for login in logins:
        others = [pk for pk in ids if pk != login]
        pairs.append((login, rng.choice(others)))
        pairs.append((rng.choice(others), login))
    while len(pairs) < count:
        giver, recipient = rng.sample(ids, 2)
        pairs.append((giver, recipient))
    return pairs


def _kudos_posts(
    rng: random.Random,
    pairs: list[tuple[int, int]],
    moments: list[datetime],
    first_names: dict[int, str],
    badges: list[Badge],
) -> tuple[list[Post], list[tuple[int, Badge]]]:
    """A kudos post per pair, not saved yet, and its recipient and badge."""
    posts, details = [], []
    for (giver, recipient), moment in zip(pairs, moments, strict=True):
        body = rng.choice(MESSAGES).format(first=first_names[recipient])
        html = markup.render(body, lambda name: None).html
        posts.append(
            Post(
                author_id=giver, kind=Post.Kind.KUDOS, body=body, body_html=html, created_at=moment
            )
        )
        details.append((recipient, rng.choice(badges)))
    return posts, details


def _save_kudos(posts: list[Post], details: list[tuple[int, Badge]]) -> None:
    """Write the posts (with their ids afterwards), their kudos details and the givers' follows."""
    Post.objects.bulk_create(posts)
    if posts[0].pk is None:  # a database that cannot return ids from a bulk insert
        made = Post.objects.filter(kind=Post.Kind.KUDOS).order_by("pk").values_list("pk", flat=True)
        for post, pk in zip(posts, made, strict=True):
            post.pk = post.id = pk
    KudosDetails.objects.bulk_create(
        KudosDetails(post_id=post.pk, recipient_id=recipient, badge=badge)
        for post, (recipient, badge) in zip(posts, details, strict=True)
    )
    PostFollow.objects.bulk_create(
        [PostFollow(person_id=post.author_id, post_id=post.pk) for post in posts],
        ignore_conflicts=True,
    )


def _notify_logins(posts: list[Post], details: list[tuple[int, Badge]], logins: list[int]) -> None:
    """The demo logins find the newest kudos they received among their notifications."""
    notified: dict[int, Post] = {}
    for post, (recipient, _badge) in zip(posts, details, strict=True):
        if recipient in logins and recipient not in notified:
            notified[recipient] = post
    Notification.objects.bulk_create(
        Notification(
            recipient_id=recipient,
            actor_id=post.author_id,
            kind=Notification.Kind.KUDOS,
            post_id=post.pk,
            created_at=post.created_at,
        )
        for recipient, post in notified.items()
    )


def _spotlight(
    rng: random.Random, logins: list[int], recipients: list[int], first_names: dict[int, str]
) -> int:
    """A colleague who received kudos and the most reacted-to public post, all this week."""
    creator = _role_holder(
        {e: pk for pk, e in Person.objects.filter(pk__in=logins).values_list("pk", "email")},
        "beheer@example.org",
        COMMUNITY_MANAGER.key,
    )
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    week = {"starts_on": monday, "ends_on": monday + timedelta(days=6), "created_by_id": creator}
    most = max(recipients, key=lambda pk: (recipients.count(pk), -pk))
    items = [
        Spotlight(person_id=most, message=SPOTLIGHT_PERSON.format(first=first_names[most]), **week)
    ]
    popular = (
        Post.objects.filter(public_posts(), kind=Post.Kind.POST)
        .order_by("-reaction_count", "-comment_count", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if popular is not None:
        items.append(Spotlight(post_id=popular, message=SPOTLIGHT_POST, **week))
    Spotlight.objects.bulk_create(items)
    return len(items)
