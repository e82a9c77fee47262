import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from plein.people import services as people_services
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.spaces import services
from plein.spaces.models import Membership

from .factories import MembershipFactory, SpaceFactory

State = Membership.State
pytestmark = pytest.mark.django_db


def _members(space) -> set[int]:  # type: ignore[no-untyped-def]
    return set(
        Membership.objects.filter(space=space, state=State.MEMBER).values_list(
            "person_id", flat=True
        )
    )


def test_default_for_everyone(community_manager, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    people = PersonFactory.create_batch(3)
    inactive = PersonFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.space_set_defaults(
            space=space, for_everyone=True, departments=[], actor=community_manager
        )
    assert _members(space) == {p.pk for p in people} | {community_manager.pk}
    assert inactive.pk not in _members(space)


def test_department_default_includes_sub_departments(community_manager) -> None:  # type: ignore[no-untyped-def]
    top = DepartmentFactory()
    sub = DepartmentFactory(parent=top)
    subsub = DepartmentFactory(parent=sub)
    elsewhere = DepartmentFactory()
    inside = [PersonFactory(department=d) for d in (top, sub, subsub)]
    outside = PersonFactory(department=elsewhere)
    space = SpaceFactory()
    space.default_departments.set([top])
    assert services.default_spaces_sync() == 3
    assert _members(space) == {p.pk for p in inside}
    assert outside.pk not in _members(space)


def test_opt_out_is_remembered_and_sync_is_idempotent() -> None:
    space = SpaceFactory(is_default_for_everyone=True)
    leaver, removed, invited = PersonFactory(), PersonFactory(), PersonFactory()
    MembershipFactory(space=space, person=leaver, state=State.LEFT)
    MembershipFactory(space=space, person=removed, state=State.REMOVED)
    MembershipFactory(space=space, person=invited, state=State.INVITED)
    stayer = PersonFactory()
    assert services.default_spaces_sync() == 2  # stayer added, invitation becomes membership
    assert _members(space) == {stayer.pk, invited.pk}
    assert services.default_spaces_sync() == 0
    assert Membership.objects.filter(space=space).count() == 4


def test_new_hire_is_picked_up(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory()
    everyone = SpaceFactory(is_default_for_everyone=True)
    departmental = SpaceFactory()
    departmental.default_departments.set([department])
    with django_capture_on_commit_callbacks(execute=True):
        hire = people_services.person_create(
            first_name="Nina", last_name="Nieuw", email="nina@example.org", department=department
        )
    assert hire.pk in _members(everyone)
    assert hire.pk in _members(departmental)


def test_command_syncs(capsys) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory(is_default_for_everyone=True)
    person = PersonFactory()
    call_command("sync-default-spaces")
    assert person.pk in _members(space)
    assert "1 memberships added" in capsys.readouterr().out


def test_only_community_managers_set_defaults(person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.space_set_defaults(
            space=SpaceFactory(), for_everyone=True, departments=[], actor=person
        )


def test_sync_query_count_does_not_grow_with_people(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    SpaceFactory(is_default_for_everyone=True)
    department_space = SpaceFactory()
    department_space.default_departments.set([DepartmentFactory()])
    PersonFactory.create_batch(30)
    with django_assert_max_num_queries(10):
        assert services.default_spaces_sync() == 30


@pytest.mark.django_db
def test_moving_to_another_department_adds_its_default_space():
    wegen = DepartmentFactory(name="Wegen")
    groen = DepartmentFactory(name="Groen")
    anne = PersonFactory(department=wegen)
    groen_space = SpaceFactory(name="Groen")
    owner = PersonFactory(roles=["community_manager"])
    services.space_set_defaults(
        space=groen_space, for_everyone=False, departments=[groen], actor=owner
    )
    assert not Membership.objects.filter(space=groen_space, person=anne).exists()
    people_services.profile_update(
        person=anne,
        job_title="",
        department=groen,
        location=None,
        phone="",
        bio="",
        skills=[],
        interests=[],
    )
    assert Membership.objects.filter(
        space=groen_space, person=anne, state=Membership.State.MEMBER
    ).exists()
