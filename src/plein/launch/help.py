"""The help place: the space "Questions about the intranet", made by a migration as a default
space for everyone, where ambassadors and the project team answer."""

from __future__ import annotations

from plein.people.models import Person
from plein.spaces.models import Space

HELP_SPACE_SLUG = "help"


def help_space() -> Space | None:
    return Space.objects.filter(slug=HELP_SPACE_SLUG).first()


def is_help_space(space: Space | None) -> bool:
    return space is not None and space.slug == HELP_SPACE_SLUG


def ambassadors_of(asker: Person) -> list[Person]:
    """The ambassadors a person turns to (ambassadors.selectors.ambassadors_for_person: the
    same people the ambassadors page calls theirs). Not every ambassador when there are none:
    in a big organisation that would send one department's questions to dozens of people; the
    coverage page shows such departments. Active people; never the asker (the selector leaves
    them out)."""
    from plein.ambassadors.selectors import ambassadors_for_person

    ambassador_ids = {a.person_id for a in ambassadors_for_person(asker)}
    return list(Person.objects.filter(is_active=True, pk__in=ambassador_ids).order_by("pk"))


def project_team(*, asker: Person) -> list[Person]:
    people = Person.objects.filter(is_active=True, groups__name="project_team")
    return list(people.exclude(pk=asker.pk).distinct().order_by("pk"))
