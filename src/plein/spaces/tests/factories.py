import factory

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership, Space


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Ruimte {n}")
    slug = factory.Sequence(lambda n: f"ruimte-{n}")
    description = "Een ruimte om samen te werken."
    kind = Space.Kind.OPEN


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    space = factory.SubFactory(SpaceFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER
    state = Membership.State.MEMBER
