"""The adoption app's part of "your data": your usage days (how often you visited, read,
wrote and responded, per day), from which the anonymous adoption figures are counted."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import PersonDay


def usage_days(person: Person, writer: Writer) -> None:
    writer.records(
        PersonDay.objects.filter(person=person)
        .order_by("day")
        .values("day", "visits", "views", "created", "responded", "nudged")
    )


SECTIONS.register(
    Section(
        key="usage_days",
        order=400,
        label=_("Your usage days"),
        help=_("per day: visits, pages read, things written, responses"),
        collect=usage_days,
    )
)
