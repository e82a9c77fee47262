import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from plein.people.models import Absence, Department, Location, Person, Tag

DEFAULT_PASSWORD = "correct-horse-battery"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Afdeling {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Locatie {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        """PersonFactory(roles=["administrator"]) puts the person in those role groups."""
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create:
            instance.save()


class AbsenceFactory(factory.django.DjangoModelFactory):
    """An absence of today only, set by hand; pass first_day/last_day for others."""

    class Meta:
        model = Absence

    person = factory.SubFactory(PersonFactory)
    first_day = factory.LazyFunction(timezone.localdate)
    last_day = factory.LazyAttribute(lambda absence: absence.first_day)
