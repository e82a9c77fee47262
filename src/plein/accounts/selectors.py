from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet

from plein.people.models import Person
from plein.people.roles import ROLES_BY_KEY


def people_with_roles() -> QuerySet[Person]:
    """Everyone (active or not) with their department and role groups (as `.roles`) preloaded."""
    return (
        Person.objects.select_related("department")
        .prefetch_related(
            Prefetch(
                "groups", queryset=Group.objects.filter(name__in=ROLES_BY_KEY), to_attr="roles"
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
