"""The help place: the space "Questions about the intranet", made by a migration as a default
space for everyone, where ambassadors and the project team answer."""

from __future__ import annotations

from django.db.models import Q

from plein.people.models import Person
from plein.spaces.models import Space

HELP_SPACE_SLUG = "help"


def help_space() -> Space | None:
    return Space.objects.filter(slug=HELP_SPACE_SLUG).first()


def is_help_space(space: Space | None) -> bool:
    return space is not None and space.slug == HELP_SPACE_SLUG


def help_answerers(*, asker: Person) -> list[Person]:
    """Who hears about a new question in the help place: the ambassadors for the asker's
    department (its own, else those of a department above it, else the organisation-wide
    ones; every ambassador when that finds nobody) and the project team."""
    from plein.ambassadors.models import Ambassador
    from plein.ambassadors.selectors import ambassadors_for_department

    ambassador_ids = {a.person_id for a in ambassadors_for_department(asker.department)}
    if not ambassador_ids:
        ambassador_ids = set(Ambassador.objects.values_list("person_id", flat=True))
    people = Person.objects.filter(is_active=True).filter(
        Q(pk__in=ambassador_ids) | Q(groups__name="project_team")
    )
    return list(people.exclude(pk=asker.pk).distinct().order_by("pk"))
