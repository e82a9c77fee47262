"""The polls app's part of "your data": your votes (also in anonymous polls: the vote is
yours, only the others may not see it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import Vote


def votes(person: Person, writer: Writer) -> None:
    writer.records(
        Vote.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values("poll__post_id", "choice__text", "created_at")
    )


SECTIONS.register(
    Section(
        key="votes",
        order=210,
        label=_("Your votes"),
        help=_("the answers you chose in polls"),
        collect=votes,
    )
)
