"""The events app's part of "your data": your answers to invitations (RSVPs) and the events
you organise or created."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import RSVP, Event


def rsvps(person: Person, writer: Writer) -> None:
    writer.records(
        RSVP.objects.filter(person=person)
        .order_by("created_at", "pk")
        .values(
            "event_id",
            "event__title",
            "event__starts_at",
            "state",
            "waitlisted_at",
            "created_at",
            "updated_at",
        )
    )


def events(person: Person, writer: Writer) -> None:
    writer.records(
        Event.objects.filter(Q(organiser=person) | Q(created_by=person))
        .order_by("starts_at", "pk")
        .values(
            "id",
            "title",
            "description",
            "location",
            "starts_at",
            "ends_at",
            "all_day",
            "cancelled_at",
            "created_at",
        )
    )


SECTIONS.register(
    Section(
        key="rsvps",
        order=200,
        label=_("Your answers to events"),
        help=_("whether you come, per event"),
        collect=rsvps,
    )
)
SECTIONS.register(
    Section(
        key="events",
        order=201,
        label=_("Your events"),
        help=_("the events you organise or created"),
        collect=events,
    )
)
