from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from plein.people.tests.factories import PersonFactory

from ..models import Contest, Entry


class ContestFactory(factory.django.DjangoModelFactory):
    """An organisation-wide contest in its voting phase unless told otherwise."""

    class Meta:
        model = Contest

    title = "Hoe noemen we ons intranet?"
    submissions_open_until = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    voting_open_until = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    created_by = factory.SubFactory(PersonFactory, roles=["community_manager"])


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    contest = factory.SubFactory(ContestFactory)
    text = factory.Sequence(lambda n: f"Naam {n}")
    submitted_by = factory.SubFactory(PersonFactory)
