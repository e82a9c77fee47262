"""The questions app's part of "your data": the answers you marked as useful (your questions
are in posts.json, your answers in comments.json)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import AnswerVote


def useful_votes(person: Person, writer: Writer) -> None:
    writer.records(
        AnswerVote.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values("comment_id", "created_at")
    )


SECTIONS.register(
    Section(
        key="useful_votes",
        order=160,
        label=_("Answers you found useful"),
        help=_("the answers you marked as useful"),
        collect=useful_votes,
    )
)
