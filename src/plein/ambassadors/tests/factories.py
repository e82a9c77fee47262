import factory

from plein.ambassadors.models import Ambassador
from plein.people.tests.factories import DepartmentFactory, PersonFactory


class AmbassadorFactory(factory.django.DjangoModelFactory):
    """An ambassador for a department (pass department=None for the whole organisation)."""

    class Meta:
        model = Ambassador

    person = factory.SubFactory(PersonFactory)
    department = factory.SubFactory(DepartmentFactory)
    location = None
