"""The news app's part of "your data": what your news items add to their post (lead, image,
must-read) and the must-reads you confirmed having read. The items themselves are in posts.json."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import NewsItem, ReadConfirmation


def news(person: Person, writer: Writer) -> None:
    items = NewsItem.objects.filter(post__author=person).order_by("post_id")
    writer.records(
        {
            "post_id": item.post_id,
            "lead": item.lead,
            "must_read": item.must_read,
            "featured": item.featured,
            "image": writer.file(item.image, str(item.post_id)),
            "image_alt": item.image_alt,
        }
        for item in items
    )


def read_confirmations(person: Person, writer: Writer) -> None:
    writer.records(
        ReadConfirmation.objects.filter(person=person)
        .order_by("confirmed_at", "pk")
        .values("news__post_id", "news__post__title", "confirmed_at")
    )


SECTIONS.register(
    Section(
        key="news",
        order=130,
        label=_("Your news items"),
        help=_("lead, image and must-read of the news you published"),
        collect=news,
    )
)
SECTIONS.register(
    Section(
        key="read_confirmations",
        order=131,
        label=_("Your read confirmations"),
        help=_("the must-read news you confirmed having read"),
        collect=read_confirmations,
    )
)
