"""First steps for spaces: join one of your own choosing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path
from plein.core.registries.firststeps import Step, register
from plein.people.models import Person
from plein.people.permissions import audience_of

from .models import Membership, Space


def _joined_beyond_defaults(person: Person) -> QuerySet[Any]:
    """Memberships in spaces that are not a default for this person: not for everyone, and not
    for their department or a department above it (whose spaces it is put in by default)."""
    # The person's department and every one above it (worked out once per person object, and
    # shared with the stream, which needs the same for posts aimed at departments).
    departments, _location = audience_of(person)
    own_defaults = Space.default_departments.through.objects.filter(
        department_id__in=departments
    ).values("space_id")
    return (
        Membership.objects.filter(person=person, state=Membership.State.MEMBER)
        .exclude(space__is_default_for_everyone=True)
        .exclude(space_id__in=own_defaults)
    )


register(
    Step(
        key="join_space",
        label=_("Join a space of your own choosing"),
        help=_(
            "You are already in the spaces for everyone and for your department. Find one about "
            "a project, a hobby or your profession, and join in."
        ),
        order=20,
        url=lambda person: path("spaces:directory"),
        action=_("Find a space"),
        evidence=_joined_beyond_defaults,
    )
)
