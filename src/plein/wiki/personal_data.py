"""The wiki app's part of "your data": the revisions of wiki pages you wrote."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import PageRevision


def revisions(person: Person, writer: Writer) -> None:
    writer.records(
        PageRevision.objects.filter(edited_by=person)
        .order_by("edited_at", "pk")
        .values("page_id", "number", "title", "body", "edited_at")
    )


SECTIONS.register(
    Section(
        key="wiki_revisions",
        order=150,
        label=_("Your wiki edits"),
        help=_("each version of a wiki page you wrote"),
        collect=revisions,
    )
)
