from datetime import timedelta

import factory
from django.utils import timezone

from plein.people.tests.factories import PersonFactory

from ..models import Listing


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    kind = Listing.Kind.OFFER
    title = factory.Sequence(lambda n: f"Listing {n}")
    category = Listing.Category.FURNITURE
    price_cents = 1500
    owner = factory.SubFactory(PersonFactory)
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
