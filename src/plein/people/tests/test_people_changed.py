"""The hooks that run after people changed (plein.core.registries.people)."""

import pytest
from django.db import transaction

from plein.core.registries.people import PEOPLE_CHANGED, PeopleChangedHook, people_changed
from plein.people import services
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.spaces.services import default_spaces_sync


def test_hooks_run_in_order_with_the_people_who_changed():
    calls: list[tuple[str, object]] = []

    def hook(key: str, order: int) -> PeopleChangedHook:
        return PeopleChangedHook(
            key=key, order=order, run=lambda *, people: calls.append((key, people))
        )

    # The apps' own hooks stay quiet here: no database.
    quiet = [hook(item.key, item.order) for item in PEOPLE_CHANGED.all()]
    with PEOPLE_CHANGED.registered(*quiet, hook("test.later", 10_000), hook("test.first", -1)):
        people_changed(people=["anne"])
        people_changed()
    keys = [key for key, _people in calls]
    assert keys[0] == "test.first" and keys[len(keys) // 2 - 1] == "test.later"
    assert keys == keys[: len(keys) // 2] * 2
    assert [people for key, people in calls if key == "test.first"] == [["anne"], None]
    assert "test.first" not in PEOPLE_CHANGED  # the registry is as it was


def test_spaces_registers_the_default_spaces_sync():
    hook = PEOPLE_CHANGED.get("spaces.default_spaces")
    assert hook is not None and hook.run is default_spaces_sync


@pytest.mark.django_db
def test_services_call_the_hooks_inside_their_transaction():
    calls: list[tuple[list[int], bool]] = []

    def record(*, people):  # type: ignore[no-untyped-def]
        calls.append(
            ([person.pk for person in people], transaction.get_connection().in_atomic_block)
        )

    with PEOPLE_CHANGED.registered(PeopleChangedHook(key="test.record", order=0, run=record)):
        person = services.person_create(first_name="Nina", last_name="Nieuw", email="n@example.org")
        services.person_details_update(
            person=person,
            first_name="Nina",
            name_prefix="",
            last_name="Nieuw",
            email="n@example.org",
            employee_number=None,
            job_title="",
            department=DepartmentFactory(),
            location=None,
            manager=None,
        )
        other = PersonFactory()
        services.profile_update(
            person=other,
            job_title="",
            department=None,
            location=None,
            phone="",
            bio="",
            skills=[],
            interests=[],
        )
    assert calls == [([person.pk], True), ([person.pk], True), ([other.pk], True)]
