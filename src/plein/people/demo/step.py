"""Writing the planned organisation with a handful of bulk queries (see plein.people.demo)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone
from faker import Faker

from ..models import Department, Location, Person, Tag
from ..roles import roles_sync
from .logins import DEMO_LOGINS, DEMO_PASSWORD
from .organisation import GENERAL_SKILLS, INTERESTS, LOCATIONS, RARE_SKILLS, UNITS
from .photos import write_photos
from .plan import Planned, plan_people, unique_names

BATCH_SIZE = 500


def _locations() -> dict[str, Location]:
    return {
        name: Location.objects.get_or_create(name=name, defaults={"address": address})[0]
        for name, address in LOCATIONS
    }


def _departments() -> tuple[dict[str, Department], int]:
    departments: dict[str, Department] = {}
    created_count = 0
    for unit in UNITS:  # parents come before their children
        parent = departments[unit.parent] if unit.parent else None
        code = None if Department.objects.filter(code=unit.code).exists() else unit.code
        department, created = Department.objects.get_or_create(
            parent=parent, name=unit.name, defaults={"code": code}
        )
        departments[unit.code] = department
        created_count += created
    return departments, created_count


def _tags() -> dict[str, Tag]:
    names = unique_names(
        [s for unit in UNITS for s in unit.skills]
        + list(GENERAL_SKILLS + RARE_SKILLS)
        + list(INTERESTS)
        + [s for login in DEMO_LOGINS for s in login.skills + login.interests]
    )
    existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
    Tag.objects.bulk_create([Tag(name=n) for n in names if n.lower() not in existing])
    return {tag.name.lower(): tag for tag in Tag.objects.all()}


def _groups() -> dict[str, Group]:
    keys = {key for login in DEMO_LOGINS for key in login.roles}
    groups = {g.name: g for g in Group.objects.filter(name__in=keys)}
    if len(groups) < len(keys):  # a database migrated without the post_migrate signal
        roles_sync()
        groups = {g.name: g for g in Group.objects.filter(name__in=keys)}
    return groups


def _people_create(
    plan: list[Planned], departments: dict[str, Department], locations: dict[str, Location]
) -> tuple[list[Person], list[tuple[str, tuple[int, int]]]]:
    """Everyone in the plan, saved in batches; and the photo files to write (name, avatar)."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the slow part of a login, not of a row
    now = timezone.now()
    photo_field = Person._meta.get_field("photo")
    photos: list[tuple[str, tuple[int, int]]] = []
    persons: list[Person] = []
    for number, p in enumerate(plan, start=1):
        login = p.login
        person = Person(
            email=p.email,
            password=password,
            first_name=p.first_name,
            name_prefix=p.name_prefix,
            last_name=p.last_name,
            employee_number=f"E{number:05d}",
            job_title=p.job_title,
            department=departments[p.unit.code],
            location=locations[p.location] if p.location else None,
            phone=p.phone,
            bio=p.bio,
            is_staff=login.is_staff if login else False,
            date_joined=now - timedelta(days=p.days_ago, seconds=p.seconds_ago),
        )
        if p.avatar is not None:
            person.photo.name = photo_field.generate_filename(person, "photo.jpg")
            photos.append((person.photo.name, p.avatar))
        persons.append(person)
    Person.objects.bulk_create(persons, batch_size=BATCH_SIZE)
    if persons[0].pk is None:  # a database that cannot return ids from a bulk insert
        ids = dict(Person.objects.values_list("email", "pk"))
        for person in persons:
            person.pk = ids[person.email]
    return persons, photos


def _managers_link(persons: list[Person], plan: list[Planned]) -> None:
    """Managers once everyone has an id: one UPDATE per manager and batch, no per-row CASE."""
    reports: dict[int, list[int]] = defaultdict(list)
    for person, p in zip(persons, plan, strict=True):
        if p.manager is not None:
            person.manager = persons[p.manager]
            reports[person.manager.pk].append(person.pk)
    for manager_id, ids in reports.items():
        for start in range(0, len(ids), BATCH_SIZE):
            Person.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
                manager_id=manager_id
            )


def _tags_and_roles_link(
    persons: list[Person], plan: list[Planned], tags: dict[str, Tag], groups: dict[str, Group]
) -> None:
    """Skills, interests and roles, as rows of the M2M tables."""
    skill_rows, interest_rows, group_rows = [], [], []
    Skill, Interest, Membership = (
        Person.skills.through,
        Person.interests.through,
        Person.groups.through,
    )
    for person, p in zip(persons, plan, strict=True):
        skill_rows += [Skill(person_id=person.pk, tag_id=tags[s.lower()].pk) for s in p.skills]
        interest_rows += [
            Interest(person_id=person.pk, tag_id=tags[s.lower()].pk) for s in p.interests
        ]
        if p.login:
            group_rows += [
                Membership(person_id=person.pk, group_id=groups[key].pk) for key in p.login.roles
            ]
    Skill.objects.bulk_create(skill_rows, batch_size=BATCH_SIZE * 2)
    Interest.objects.bulk_create(interest_rows, batch_size=BATCH_SIZE * 2)
    Membership.objects.bulk_create(group_rows)


def people_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """Departments, locations, skills and `people` people, the demo accounts among them."""
    plan = plan_people(rng, fake, people)
    locations = _locations()
    departments, new_departments = _departments()
    tags = _tags()
    groups = _groups()
    persons, photos = _people_create(plan, departments, locations)
    _managers_link(persons, plan)
    _tags_and_roles_link(persons, plan, tags, groups)

    # Files only once the rows are committed: a failed run leaves no orphans behind.
    photo_field = Person._meta.get_field("photo")
    transaction.on_commit(lambda: write_photos(photo_field.storage, photos))
    stdout.write(
        f"  people: {len(persons)} people, {len(departments)} departments "
        f"({new_departments} new), {len(locations)} locations, {len(photos)} photos"
    )
