"""Coverage and who helps whom: sub-departments, locations, fallbacks, fixed query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory

from .. import selectors
from .factories import AmbassadorFactory

pytestmark = pytest.mark.django_db


def organisation():  # type: ignore[no-untyped-def]
    """Sociaal Domein (with the team Wmo below it) and Financiën; two locations."""
    social = DepartmentFactory(name="Sociaal Domein")
    wmo = DepartmentFactory(name="Wmo", parent=social)
    finance = DepartmentFactory(name="Financiën")
    empty = DepartmentFactory(name="Archief")
    town_hall = LocationFactory(name="Stadhuis")
    depot = LocationFactory(name="Werf")
    PersonFactory.create_batch(2, department=social, location=town_hall)
    PersonFactory.create_batch(3, department=wmo, location=depot)
    PersonFactory(department=finance, location=depot)
    PersonFactory(department=finance, is_active=False)
    return social, wmo, finance, empty, town_hall, depot


def rows_by_name(coverage):  # type: ignore[no-untyped-def]
    return {row.department.name: row for row in coverage.departments}


def test_coverage_counts_people_and_flags_departments_without_ambassador() -> None:
    social, _wmo, finance, *_rest = organisation()
    ambassador = AmbassadorFactory(department=social, person__department=social)
    coverage = selectors.coverage()
    rows = rows_by_name(coverage)
    assert [row.department.name for row in coverage.departments] == [
        "Archief",
        "Financiën",
        "Sociaal Domein",
        "Wmo",
    ]
    assert (rows["Sociaal Domein"].people, rows["Sociaal Domein"].people_total) == (3, 6)
    assert rows["Sociaal Domein"].ambassadors == [ambassador.person]
    assert rows["Wmo"].depth == 1 and rows["Wmo"].parent == social
    assert rows["Wmo"].ambassadors == []
    assert rows["Wmo"].inherited == [ambassador.person]  # helped from the department above
    assert rows["Wmo"].helped_by == social and rows["Wmo"].is_covered
    assert rows["Financiën"].people == 1  # the deactivated colleague does not count
    assert rows["Financiën"].needs_ambassador
    assert not rows["Archief"].needs_ambassador  # nobody works there
    assert coverage.uncovered_departments == [finance]
    assert len(coverage.departments_with_people) == 3


def test_an_own_ambassador_of_a_sub_department_covers_it() -> None:
    social, wmo, *_rest = organisation()
    AmbassadorFactory(department=social)
    own = AmbassadorFactory(department=wmo)
    rows = rows_by_name(selectors.coverage())
    assert rows["Wmo"].ambassadors == [own.person] and rows["Wmo"].inherited == []


def test_location_coverage_and_organisation_wide_ambassadors() -> None:
    *_departments, town_hall, depot = organisation()
    at_depot = AmbassadorFactory(department=None, location=depot)
    everywhere = AmbassadorFactory(department=None)
    AmbassadorFactory(department=None, location=town_hall, person__is_active=False)
    coverage = selectors.coverage()
    by_name = {row.location.name: row for row in coverage.locations}
    assert (by_name["Werf"].people, by_name["Werf"].ambassadors) == (4, [at_depot.person])
    assert by_name["Stadhuis"].ambassadors == []  # a deactivated ambassador covers nothing
    assert coverage.uncovered_locations == [town_hall]
    assert coverage.organisation_wide == [everywhere.person]


def test_coverage_takes_a_fixed_number_of_queries(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    organisation()
    AmbassadorFactory()
    with CaptureQueriesContext(connection) as small:
        selectors.coverage()
    for n in range(5):
        parent = DepartmentFactory()
        child = DepartmentFactory(parent=parent)
        location = LocationFactory()
        PersonFactory.create_batch(2, department=child, location=location)
        AmbassadorFactory(department=parent, location=location if n % 2 else None)
    with django_assert_num_queries(len(small)):
        coverage = selectors.coverage()
    assert len(coverage.departments) == 15
    assert len(small) == 3


def test_ambassadors_for_a_person_fall_back_upwards_then_to_the_organisation() -> None:
    social, wmo, finance, *_rest = organisation()
    in_wmo, in_finance = PersonFactory(department=wmo), PersonFactory(department=finance)
    everywhere = AmbassadorFactory(department=None)
    assert selectors.ambassadors_for_person(in_wmo) == [everywhere]
    assert selectors.ambassadors_for_person(PersonFactory(department=None)) == [everywhere]
    for_social = AmbassadorFactory(department=social)
    assert selectors.ambassadors_for_person(in_wmo) == [for_social]
    for_wmo = AmbassadorFactory(department=wmo)
    assert selectors.ambassadors_for_person(in_wmo) == [for_wmo]
    assert selectors.ambassadors_for_person(in_finance) == [everywhere]
    assert selectors.ambassadors_for_person(for_wmo.person) == [everywhere]  # never yourself


def test_your_ambassadors_are_those_of_your_department_and_location() -> None:
    social, wmo, _finance, _empty, town_hall, _depot = organisation()
    me = PersonFactory(department=wmo, location=town_hall)
    for_social = AmbassadorFactory(department=social)
    at_town_hall = AmbassadorFactory(department=None, location=town_hall)
    AmbassadorFactory(department=None)  # organisation-wide: only when there is nobody else
    page = selectors.ambassador_page(me)
    assert {a.pk for a in page.mine} == {for_social.pk, at_town_hall.pk}
    assert len(page.ambassadors) == 3
    # An ambassador is not their own ambassador.
    assert for_social not in selectors.ambassador_page(for_social.person).mine


def test_scope_labels() -> None:
    social = DepartmentFactory(name="Sociaal Domein")
    town_hall = LocationFactory(name="Stadhuis")
    assert selectors.scope_label(AmbassadorFactory(department=social)) == "Sociaal Domein"
    both = AmbassadorFactory(department=social, location=town_hall)
    assert "Sociaal Domein" in selectors.scope_label(both)
    assert "Stadhuis" in selectors.scope_label(both)
    with translation.override("en"):
        assert selectors.scope_label(AmbassadorFactory(department=None)) == "the whole organisation"


def test_person_find_by_email_full_name_or_unique_match() -> None:
    # The searcher's own name must not contain "anna" (a drawn "Johanna" did).
    cm = PersonFactory(roles=["community_manager"], first_name="Piet", last_name="Bakker")
    anna = PersonFactory(first_name="Anna", last_name="de Vries", email="anna@example.org")
    PersonFactory(first_name="Annabel", last_name="Jansen")
    PersonFactory(first_name="Gert", last_name="Gone", is_active=False)
    assert selectors.person_find(cm, "ANNA@example.org ") == [anna]
    assert selectors.person_find(cm, "anna de vries") == [anna]
    assert len(selectors.person_find(cm, "anna")) == 2
    assert selectors.person_find(cm, "Gert Gone") == []
    assert selectors.person_find(cm, "") == []
