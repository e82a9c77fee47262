"""The kudos app's part of "your data": the kudos you received (the kudos you gave are your
posts, in posts.json; here their recipient and badge)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import KudosDetails


def kudos(person: Person, writer: Writer) -> None:
    found = (
        KudosDetails.objects.filter(Q(recipient=person) | Q(post__author=person))
        .filter(post__deleted_at__isnull=True)
        .select_related("post__author", "recipient", "badge")
        .order_by("post__created_at", "post_id")
    )
    writer.records(
        {
            "post_id": item.post_id,
            "direction": "received" if item.recipient_id == person.pk else "given",
            "from": item.post.author.full_name,
            "to": item.recipient.full_name,
            "badge": item.badge.name if item.badge else None,
            "message": item.post.body,
            "created_at": item.post.created_at,
        }
        for item in found
    )


SECTIONS.register(
    Section(
        key="kudos",
        order=180,
        label=_("Your kudos"),
        help=_("the kudos you gave and received"),
        collect=kudos,
    )
)
