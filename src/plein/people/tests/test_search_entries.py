"""People in the site-wide search: the write paths keep the entry current; a deactivated person
has no entry."""

from collections.abc import Iterator

import pytest

from plein.accounts import services as accounts
from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.people import services
from plein.people.permissions import visible_people
from plein.people.search import person_entry

from .factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_the_entry_tells_name_job_department_bio_skills_and_interests(indexed) -> None:  # type: ignore[no-untyped-def]
    kind = KINDS.get("person")
    assert kind is not None and kind.visible is visible_people and kind.entry is person_entry
    department = DepartmentFactory(name="Burgerzaken")
    person = services.person_create(
        first_name="Anna", name_prefix="de", last_name="Vries", email="anna@example.org"
    )
    services.profile_update(
        person=person,
        job_title="Adviseur",
        department=department,
        location=None,
        phone="",
        bio="Ik fiets graag.",
        skills=["Excel"],
        interests=["Schaken"],
    )
    assert indexed.indexed("person") == [person.pk, person.pk]
    entry = indexed.entries[("person", person.pk)]
    assert entry is not None
    assert entry.title == "Anna de Vries"
    assert entry.body == "Adviseur\nBurgerzaken\nIk fiets graag."
    assert entry.extra == "Excel Schaken"
    assert entry.url == person.get_absolute_url() and entry.suggest


def test_details_department_rename_and_deactivation_index(indexed) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory(name="Financiën")
    person = PersonFactory(department=department)
    PersonFactory(department=department, is_active=False)
    services.person_details_update(
        person=person,
        first_name="Bram",
        name_prefix="",
        last_name="Jansen",
        email=person.email,
        employee_number=None,
        job_title="Controller",
        department=department,
        location=None,
        manager=None,
    )
    services.department_update(department=department, name="Financiën", parent=None, code=None)
    assert indexed.indexed("person") == [person.pk]  # the name did not change
    services.department_update(department=department, name="Geld", parent=None, code=None)
    assert indexed.indexed("person") == [person.pk, person.pk]  # its active people
    assert "Geld" in indexed.entries[("person", person.pk)].body  # type: ignore[union-attr]

    administrator = PersonFactory(roles=["administrator"])
    accounts.person_deactivate(person=person, actor=administrator)
    assert indexed.entries[("person", person.pk)] is None
    accounts.person_reactivate(person=person, actor=administrator)
    assert indexed.entries[("person", person.pk)] is not None


def test_an_inactive_person_has_no_entry() -> None:
    assert person_entry(PersonFactory(is_active=False)) is None
