"""The ideas app's part of "your data": the ideas you voted for (your ideas are in posts.json)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import IdeaVote


def idea_votes(person: Person, writer: Writer) -> None:
    writer.records(
        IdeaVote.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values("post_id", "created_at")
    )


SECTIONS.register(
    Section(
        key="idea_votes",
        order=170,
        label=_("Your votes for ideas"),
        help=_("the ideas you support"),
        collect=idea_votes,
    )
)
