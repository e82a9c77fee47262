from datetime import timedelta

import factory
from django.utils import timezone

from plein.events.models import RSVP, Event
from plein.people.tests.factories import PersonFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    category = Event.Category.MEETING
    location = "Raadhuis, zaal 1"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    organiser = factory.SubFactory(PersonFactory)
    created_by = factory.SelfAttribute("organiser")


class RSVPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RSVP

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    state = RSVP.State.GOING
