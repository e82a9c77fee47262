import factory
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory

from ..models import Badge, KudosDetails, Spotlight


class BadgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Badge

    name = factory.Sequence(lambda n: f"Badge {n}")
    emoji = "🏅"
    position = factory.Sequence(lambda n: 100 + n)


class KudosFactory(factory.django.DjangoModelFactory):
    """The details row, with its post (kind KUDOS) by a giver."""

    class Meta:
        model = KudosDetails

    post = factory.SubFactory(PostFactory, kind=Post.Kind.KUDOS)
    recipient = factory.SubFactory(PersonFactory)
    badge = factory.SubFactory(BadgeFactory)


class SpotlightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spotlight

    person = factory.SubFactory(PersonFactory)
    post = None
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(timezone.localdate)
