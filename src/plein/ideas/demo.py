"""Demo ideas: some about the organisation, some about the intranet itself, with votes and
statuses."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Person
from plein.people.roles import COMMUNITY_MANAGER
from plein.posts import markup
from plein.posts.counters import post_counters_refresh
from plein.posts.models import Post, PostFollow

from .models import IdeaDetails, IdeaVote

T, S = IdeaDetails.Topic, IdeaDetails.Status
# (topic, title, body, status, note)
IDEAS = [
    (
        T.INTRANET,
        "Een donkere modus voor het intranet",
        "'s Avonds lees ik graag mee, maar het scherm is zo fel.",
        S.PLANNED,
        "Staat op de planning voor het volgende kwartaal.",
    ),
    (
        T.ORGANISATION,
        "Fietsenstalling overdekken",
        "Na een regenachtige dag is mijn zadel altijd nat.",
        S.UNDER_REVIEW,
        "We vragen een offerte op.",
    ),
    (
        T.ORGANISATION,
        "Vaker vegetarisch in de kantine",
        "Graag elke dag een goede vegetarische keuze.",
        S.DONE,
        "Vanaf deze maand elke dag een vegetarisch gerecht.",
    ),
    (
        T.INTRANET,
        "Meldingen bundelen in één dagelijkse mail",
        "Ik krijg liever één overzicht per dag.",
        S.NEW,
        "",
    ),
    (
        T.ORGANISATION,
        "Een stiltewerkplek op elke verdieping",
        "Voor werk dat concentratie vraagt.",
        S.NEW,
        "",
    ),
    (
        T.INTRANET,
        "Agenda koppelen aan Outlook",
        "Zodat ik events niet twee keer hoef in te voeren.",
        S.DONE,
        "Kan al: abonneer je via 'Abonneren in je agenda'.",
    ),
    (
        T.ORGANISATION,
        "Vrijdagmiddagborrel één keer per maand",
        "Goed voor de onderlinge band.",
        S.DECLINED,
        "We houden het bij de kwartaalborrel; die wordt goed bezocht.",
    ),
    (
        T.INTRANET,
        "Zoeken op bijlagen",
        "Ik wil ook in PDF's kunnen zoeken.",
        S.UNDER_REVIEW,
        "We onderzoeken wat dit kost.",
    ),
    (
        T.ORGANISATION,
        "Laadpalen bij het kantoor",
        "Steeds meer collega's rijden elektrisch.",
        S.PLANNED,
        "In het voorjaar komen er vier laadpalen.",
    ),
    (T.INTRANET, "Verjaardagen op de startpagina", "Leuk om collega's te feliciteren.", S.NEW, ""),
]


def ideas_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    if IdeaDetails.objects.exists():
        stdout.write("  ideas: kept as they were")
        return
    ids = list(Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    if len(ids) < 2:
        stdout.write("  ideas: none (too few people)")
        return
    manager = (
        Person.objects.filter(groups__name=COMMUNITY_MANAGER.key, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    now = timezone.now()
    votes = follows = 0
    posts = []
    for index, (topic, title, body, status, note) in enumerate(IDEAS):
        author = rng.choice(ids)
        moment = now - timedelta(days=2 + index * 3, hours=rng.randrange(10))
        post = Post.objects.create(
            author_id=author,
            kind=Post.Kind.IDEA,
            title=title,
            body=body,
            body_html=markup.render(body, lambda name: None).html,
            created_at=moment,
        )
        voters = rng.sample(
            [pk for pk in ids if pk != author], min(len(ids) - 1, rng.randrange(0, 15))
        )
        IdeaVote.objects.bulk_create(IdeaVote(post=post, person_id=pk) for pk in voters)
        PostFollow.objects.bulk_create(
            [PostFollow(person_id=pk, post=post) for pk in [author, *voters]],
            ignore_conflicts=True,
        )
        changed = status != S.NEW
        IdeaDetails.objects.create(
            post=post,
            topic=topic,
            status=status,
            status_note=note,
            status_changed_at=moment + timedelta(days=1) if changed else None,
            status_changed_by_id=manager if changed else None,
            vote_count=len(voters),
        )
        votes += len(voters)
        follows += len(voters) + 1
        posts.append(post.pk)
    post_counters_refresh(post_ids=posts)
    stdout.write(f"  ideas: {len(posts)}, {votes} votes")
