"""The demo step for questions: a dozen questions in Dutch about work and the intranet, some
answered (an accepted answer and useful votes), some still open, and two helpers for each of
the first few departments. Rows are written directly and rendered by plein.posts."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.people.models import Department, Person
from plein.posts.counters import post_counters_refresh
from plein.posts.models import Comment, Hashtag, Post, PostFollow
from plein.posts.services import render_body

from .models import AnswerVote, Helper, QuestionDetails
from .services import recipients_for

# (title, explanation with #tags, answers; the first answer is accepted when answered)
QUESTIONS: tuple[tuple[str, str, list[str], bool], ...] = (
    (
        "Hoe declareer ik mijn reiskosten?",
        "Ik ben voor een cursus naar Utrecht geweest. Waar vul ik de treinkosten in? #declaraties",
        [
            "Via het personeelsportaal, onder 'Mijn declaraties'. Voeg je ov-overzicht toe.",
            "Let op: declareren kan tot drie maanden na de reis.",
        ],
        True,
    ),
    (
        "Waar vind ik het verlofformulier?",
        "Ik wil volgende maand een week vrij nemen. #verlof",
        ["Verlof vraag je aan in het personeelsportaal; je leidinggevende krijgt een bericht."],
        True,
    ),
    (
        "Hoe reserveer ik een vergaderruimte?",
        "Voor een overleg met acht mensen op donderdag. #huisvesting",
        [
            "In Outlook: kies 'Ruimte toevoegen' en zoek op verdieping.",
            "De grote zaal op de derde verdieping boek je via de receptie.",
        ],
        True,
    ),
    (
        "Wie kan mij helpen met een VPN-probleem?",
        "Thuis krijg ik sinds gisteren geen verbinding meer. #ict",
        ["Bel de servicedesk op 1234, zij kunnen je certificaat vernieuwen."],
        True,
    ),
    (
        "Mag ik mijn eigen laptop gebruiken voor werk?",
        "Mijn werklaptop is traag. #ict #thuiswerken",
        ["Nee, alleen apparaten van de organisatie mogen bij de netwerkschijven."],
        False,
    ),
    (
        "Hoe maak ik een nieuwe ruimte aan op het intranet?",
        "Ons projectteam wil een eigen plek om te overleggen. #intranet",
        ["Via Ruimtes, knop 'Nieuwe ruimte'. Kies 'besloten' als niet iedereen mag meelezen."],
        True,
    ),
    (
        "Kan ik op het intranet een bericht inplannen?",
        "Ik wil maandagochtend een aankondiging plaatsen. #intranet",
        [],
        False,
    ),
    (
        "Wanneer wordt het salaris deze maand betaald?",
        "Vanwege de feestdagen twijfel ik. #salaris",
        ["Meestal rond de 23e, dit keer op de 21e."],
        True,
    ),
    (
        "Is er een fietsplan?",
        "Ik wil graag een e-bike aanschaffen via de werkgever. #fiets #arbeidsvoorwaarden",
        [],
        False,
    ),
    (
        "Hoe wijzig ik mijn telefoonnummer in mijn profiel?",
        "Ik heb een nieuw mobiel nummer. #intranet",
        ["Klik op je eigen naam rechtsboven en dan op 'Profiel bewerken'."],
        True,
    ),
    (
        "Waar kan ik een ergonomische bureaustoel aanvragen?",
        "Ik heb last van mijn rug. #huisvesting #arbo",
        [],
        False,
    ),
    (
        "Hoe werkt thuiswerken met de nieuwe regeling?",
        "Hoeveel dagen per week mag ik thuiswerken? #thuiswerken",
        [
            "Twee dagen per week, in overleg met je team.",
            "Er is ook een thuiswerkvergoeding per gewerkte dag.",
        ],
        False,
    ),
    (
        "Wie is de vertrouwenspersoon?",
        "Ik wil graag even vertrouwelijk iets bespreken. #hr",
        [],
        False,
    ),
)
HELPERS_PER_DEPARTMENT = 2
DEPARTMENTS_WITH_HELPERS = 4


def _rendered(body: str) -> tuple[str, list[str]]:
    rendered = render_body(body)[0]
    return rendered.html, rendered.hashtags


def questions_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """The QUESTIONS by random colleagues, with their answers, useful votes and helpers."""
    everyone = list(
        Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    if len(everyone) < 3:
        stdout.write("  questions: none (too few people)")
        return
    now = timezone.now()
    posts, tags = _question_posts(rng, everyone, now)
    Post.objects.bulk_create(posts)
    hashtag = _save_hashtags(posts, tags)
    PostFollow.objects.bulk_create(
        [PostFollow(person_id=post.author_id, post=post) for post in posts], ignore_conflicts=True
    )
    details, votes, answer_total = _answers(rng, everyone, posts, tags, hashtag, now)
    QuestionDetails.objects.bulk_create(details)
    AnswerVote.objects.bulk_create(votes, ignore_conflicts=True)
    helpers = _helpers(rng)
    Helper.objects.bulk_create(helpers, ignore_conflicts=True)
    post_counters_refresh(post_ids=[post.pk for post in posts])
    answered_count = sum(1 for d in details if d.accepted_answer is not None)
    stdout.write(
        f"  questions: {len(posts)} questions ({answered_count} answered), {answer_total} answers, "
        f"{len(votes)} useful votes, {len(helpers)} helpers"
    )


def _question_posts(
    rng: random.Random, everyone: list[int], now: datetime
) -> tuple[list[Post], list[list[str]]]:
    """The posts of QUESTIONS, one a day up to yesterday, not saved yet, and their hashtags."""
    posts, tags = [], []
    for n, (title, body, _answers, _answered) in enumerate(QUESTIONS):
        html, names = _rendered(body)
        posts.append(
            Post(
                kind=Post.Kind.QUESTION,
                author_id=rng.choice(everyone),
                title=title,
                body=body,
                body_html=html,
                created_at=now - timedelta(days=len(QUESTIONS) - n, hours=rng.randint(0, 8)),
            )
        )
        tags.append(names)
    return posts, tags


def _save_hashtags(posts: list[Post], tags: list[list[str]]) -> dict[str, int]:
    """Write the hashtags and the (saved) posts' links to them; return the ids by name."""
    names = sorted({name for group in tags for name in group})
    Hashtag.objects.bulk_create([Hashtag(name=name) for name in names], ignore_conflicts=True)
    hashtag = dict(Hashtag.objects.filter(name__in=names).values_list("name", "pk"))
    Post.hashtags.through.objects.bulk_create(
        [
            Post.hashtags.through(post_id=post.pk, hashtag_id=hashtag[name])
            for post, group in zip(posts, tags, strict=True)
            for name in group
        ]
    )
    return hashtag


def _answers(
    rng: random.Random,
    everyone: list[int],
    posts: list[Post],
    tags: list[list[str]],
    hashtag: dict[str, int],
    now: datetime,
) -> tuple[list[QuestionDetails], list[AnswerVote], int]:
    """Write the answers to each question (by others than the asker); return the questions'
    details (the first answer accepted when answered) and useful votes, not saved yet, and the
    number of answers."""
    details, votes, answer_total = [], [], 0
    for post, group, (_title, _body, answers, answered) in zip(posts, tags, QUESTIONS, strict=True):
        others = [pk for pk in everyone if pk != post.author_id]
        rows = []
        for m, text in enumerate(answers):
            rows.append(
                Comment(
                    post=post,
                    author_id=rng.choice(others),
                    body=text,
                    body_html=_rendered(text)[0],
                    created_at=min(post.created_at + timedelta(hours=2 + 3 * m), now),
                )
            )
        Comment.objects.bulk_create(rows)
        answer_total += len(rows)
        for row in rows:
            voters = [pk for pk in others if pk != row.author_id]
            for pk in rng.sample(voters, min(rng.randint(0, 4), len(voters))):
                votes.append(AnswerVote(comment=row, person_id=pk))
        accepted = rows[0] if answered and rows else None
        details.append(
            QuestionDetails(
                post=post,
                accepted_answer=accepted,
                answered_at=accepted.created_at + timedelta(hours=1) if accepted else None,
                topic_id=hashtag[group[0]] if group else None,
            )
        )
    return details, votes, answer_total


def _helpers(rng: random.Random) -> list[Helper]:
    """Two helpers for each of the first few departments, not saved yet."""
    helpers = []
    for department in Department.objects.order_by("pk")[:DEPARTMENTS_WITH_HELPERS]:
        staff = list(
            Person.objects.filter(department=department, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in rng.sample(staff, min(HELPERS_PER_DEPARTMENT, len(staff))):
            helpers.append(Helper(person_id=pk, department=department))
    return helpers


def routing_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Who each demo question was sent to, by the rules of a question asked today (the helpers
    and the asker's ambassadors), so that "Sent to you" has something to show; no e-mail."""
    sent = 0
    questions = QuestionDetails.objects.filter(routed_to__isnull=True).select_related(
        "post__author", "post__space"
    )
    for details in questions.order_by("pk"):
        people_sent_to = [recipient.person for recipient in recipients_for(details.post, details)]
        details.routed_to.set(people_sent_to)
        sent += len(people_sent_to)
    stdout.write(f"  questions: sent to {sent} people in all")
