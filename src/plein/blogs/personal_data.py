"""The blogs app's part of "your data": your blog series (the entries are in posts.json)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import Series


def series(person: Person, writer: Writer) -> None:
    writer.records(
        Series.objects.filter(owner=person)
        .order_by("created_at", "pk")
        .values("id", "title", "slug", "description", "created_at")
    )


SECTIONS.register(
    Section(
        key="blog_series",
        order=140,
        label=_("Your blog series"),
        help=_("the series you keep your blog entries in"),
        collect=series,
    )
)
