"""Designating and removing ambassadors: the rules, the ambassadors' space and the e-mails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory
from plein.spaces.models import Membership, Space

from .. import permissions, services
from ..models import Ambassador
from ..selectors import AMBASSADORS_SPACE_SLUG, ambassadors_space
from .factories import AmbassadorFactory

pytestmark = pytest.mark.django_db

State = Membership.State
Role = Membership.Role


def membership(person):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(space__slug=AMBASSADORS_SPACE_SLUG, person=person).first()


def test_designating_creates_the_secret_space_owned_by_the_community_manager(
    community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    department = DepartmentFactory(name="Sociaal Domein")
    colleague = PersonFactory(first_name="Mo")
    assert ambassadors_space() is None
    with django_capture_on_commit_callbacks(execute=True):
        ambassador = services.ambassador_designate(
            by=community_manager, person=colleague, department=department
        )
    assert ambassador.department == department and ambassador.location is None
    space = ambassadors_space()
    assert space is not None and space.kind == Space.Kind.SECRET
    assert space.created_by == community_manager
    owner = membership(community_manager)
    assert (owner.state, owner.role) == (State.MEMBER, Role.OWNER)
    member = membership(colleague)
    assert (member.state, member.role) == (State.MEMBER, Role.MEMBER)
    assert permissions.is_ambassador(colleague)
    [message] = mail.outbox
    assert message.to == [colleague.email]
    assert "Sociaal Domein" in message.subject
    assert "Mo" in message.body
    assert f"/spaces/{AMBASSADORS_SPACE_SLUG}/" in message.body
    assert "/ambassadors/" in message.body


def test_designating_again_updates_without_a_second_welcome(
    community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    colleague = PersonFactory()
    location = LocationFactory(name="Stadhuis")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.ambassador_designate(
            by=community_manager, person=colleague, department=DepartmentFactory()
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.ambassador_designate(
            by=community_manager, person=colleague, location=location
        )
    assert second.pk == first.pk
    assert Ambassador.objects.get(person=colleague).department is None
    assert Ambassador.objects.get(person=colleague).location == location
    assert Ambassador.objects.count() == 1
    assert len(mail.outbox) == 1


def test_neither_department_nor_location_means_the_whole_organisation(
    community_manager,
) -> None:  # type: ignore[no-untyped-def]
    ambassador = services.ambassador_designate(by=community_manager, person=PersonFactory())
    assert ambassador.department is None and ambassador.location is None


def test_only_community_managers_designate_and_remove(person, administrator) -> None:  # type: ignore[no-untyped-def]
    for someone in (person, administrator):
        with pytest.raises(PermissionDenied):
            services.ambassador_designate(by=someone, person=PersonFactory())
    ambassador = AmbassadorFactory()
    with pytest.raises(PermissionDenied):
        services.ambassador_remove(by=person, ambassador=ambassador)
    assert Ambassador.objects.filter(pk=ambassador.pk).exists()
    assert not Space.objects.filter(slug=AMBASSADORS_SPACE_SLUG).exists()


def test_an_inactive_person_is_refused_and_nothing_is_written(
    community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    gone = PersonFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.ambassador_designate(by=community_manager, person=gone)
    assert "person" in error.value.message_dict
    assert not Ambassador.objects.exists()
    assert not Space.objects.filter(slug=AMBASSADORS_SPACE_SLUG).exists()
    assert mail.outbox == []


def test_removing_takes_them_out_of_the_space_and_thanks_them(
    community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    colleague = PersonFactory()
    ambassador = services.ambassador_designate(
        by=community_manager, person=colleague, department=DepartmentFactory()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_remove(by=community_manager, ambassador=ambassador)
    assert not Ambassador.objects.filter(person=colleague).exists()
    assert membership(colleague).state == State.REMOVED
    assert not permissions.is_ambassador(colleague)
    [message] = mail.outbox
    assert message.to == [colleague.email]
    # Designated again: back in the space.
    services.ambassador_designate(by=community_manager, person=colleague)
    assert membership(colleague).state == State.MEMBER


def test_removing_keeps_those_who_run_the_space(community_manager) -> None:  # type: ignore[no-untyped-def]
    ambassador = services.ambassador_designate(by=community_manager, person=community_manager)
    services.ambassador_remove(by=community_manager, ambassador=ambassador)
    kept = membership(community_manager)
    assert (kept.state, kept.role) == (State.MEMBER, Role.OWNER)


def test_a_second_community_manager_joins_as_moderator_once(community_manager) -> None:  # type: ignore[no-untyped-def]
    services.ambassador_designate(by=community_manager, person=PersonFactory())
    other = PersonFactory(roles=["community_manager"])
    services.ambassador_designate(by=other, person=PersonFactory())
    assert (membership(other).role, membership(other).state) == (Role.MODERATOR, State.MEMBER)
    space = ambassadors_space()
    Membership.objects.filter(space=space, person=other).update(state=State.LEFT, role=Role.MEMBER)
    services.ambassador_designate(by=other, person=PersonFactory())
    assert membership(other).state == State.LEFT  # who left on purpose is not pulled back


def test_a_missing_space_is_made_again_with_every_ambassador(community_manager) -> None:  # type: ignore[no-untyped-def]
    earlier = AmbassadorFactory()
    gone = AmbassadorFactory(person=PersonFactory(is_active=False))
    newcomer = PersonFactory()
    services.ambassador_designate(by=community_manager, person=newcomer)
    assert membership(earlier.person).state == State.MEMBER
    assert membership(newcomer).state == State.MEMBER
    assert membership(gone.person) is None


def test_is_ambassador_is_cached_and_ignores_deactivated_people() -> None:
    ambassador = AmbassadorFactory()
    person = ambassador.person
    assert permissions.is_ambassador(person)
    Ambassador.objects.all().delete()
    assert permissions.is_ambassador(person)  # cached on the object for this request
    assert not permissions.is_ambassador(PersonFactory())
    assert not permissions.is_ambassador(AmbassadorFactory(person__is_active=False).person)
