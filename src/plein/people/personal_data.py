"""The people app's part of "your data" (plein.core.registries.personal_data): the profile with
its photo, and the absences."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer

from .availability.models import Absence
from .models import Person


def profile(person: Person, writer: Writer) -> None:
    person = (
        Person.objects.select_related("department", "location", "manager")
        .prefetch_related("skills", "interests")
        .get(pk=person.pk)
    )
    writer.records(
        [
            {
                "email": person.email,
                "first_name": person.first_name,
                "name_prefix": person.name_prefix,
                "last_name": person.last_name,
                "employee_number": person.employee_number,
                "job_title": person.job_title,
                "department": person.department.name if person.department else None,
                "location": person.location.name if person.location else None,
                "manager": person.manager.full_name if person.manager else None,
                "phone": person.phone,
                "bio": person.bio,
                "skills": sorted(tag.name for tag in person.skills.all()),
                "interests": sorted(tag.name for tag in person.interests.all()),
                "language": person.language,
                "roles": sorted(group.name for group in person.groups.all()),
                "date_joined": person.date_joined,
                "last_login": person.last_login,
                "photo": writer.file(person.photo, "photo"),
            }
        ]
    )


def absences(person: Person, writer: Writer) -> None:
    writer.records(
        Absence.objects.filter(person=person)
        .order_by("first_day", "pk")
        .values("first_day", "last_day", "back_on", "note", "source", "created_at")
    )


SECTIONS.register(
    Section(
        key="profile",
        order=10,
        label=_("Your profile"),
        help=_("name, job, department, contact details, skills, interests, photo"),
        collect=profile,
    )
)
SECTIONS.register(
    Section(
        key="absences",
        order=20,
        label=_("Your absences"),
        help=_("the days you are away, set by hand or read from your calendar"),
        collect=absences,
    )
)
