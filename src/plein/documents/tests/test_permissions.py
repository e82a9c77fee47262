"""The library rules and their querysets agree for every kind of library and person, and the
download view follows them on every request."""

import pytest

from plein.documents import permissions
from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .factories import DocumentFactory, FolderFactory

pytestmark = pytest.mark.django_db

Role = Membership.Role


# (library, relation) -> (read, write, manage)
MATRIX = [
    ("org", "none", (True, False, False)),
    ("org", "editor", (True, True, True)),
    ("org", "community_manager", (True, True, True)),
    ("org", "administrator", (True, False, False)),
    ("org", "deactivated", (False, False, False)),
    ("open", "none", (True, False, False)),
    ("open", "member", (True, True, False)),
    ("open", "moderator", (True, True, True)),
    ("open", "deactivated", (False, False, False)),
    ("open", "editor", (True, False, False)),
    ("closed", "none", (False, False, False)),
    ("closed", "requested", (False, False, False)),
    ("closed", "member", (True, True, False)),
    ("closed", "moderator", (True, True, True)),
    ("closed", "left", (False, False, False)),
    ("closed", "deactivated", (False, False, False)),
    ("secret", "none", (False, False, False)),
    ("secret", "invited", (False, False, False)),
    ("secret", "member", (True, True, False)),
    ("secret", "owner", (True, True, True)),
    ("secret", "removed", (False, False, False)),
    ("secret", "deactivated", (False, False, False)),
    ("secret", "community_manager", (False, False, False)),
]


def _setup(kind: str, relation: str):  # type: ignore[no-untyped-def]
    space = None if kind == "org" else SpaceFactory(kind=kind)
    roles = [relation] if relation in ("editor", "community_manager", "administrator") else []
    person = PersonFactory(roles=roles)
    if space is not None and relation in ("member", "requested", "invited", "left", "removed"):
        MembershipFactory(space=space, person=person, state=relation)
    if space is not None and relation in ("moderator", "owner"):
        MembershipFactory(space=space, person=person, role=relation)
    if relation == "deactivated":
        if space is not None:
            MembershipFactory(space=space, person=person, role=Role.OWNER)
        person.is_active = False
        person.save()
    return space, person


@pytest.mark.parametrize(("kind", "relation", "expected"), MATRIX)
def test_rules_and_querysets_agree(kind, relation, expected, client):  # type: ignore[no-untyped-def]
    space, person = _setup(kind, relation)
    read, write, manage = expected
    folder = FolderFactory(space=space)
    document = DocumentFactory(space=space, folder=folder)
    assert permissions.can_read_library(person, space) is read
    assert permissions.can_write_library(person, space) is write
    assert permissions.can_manage_library(person, space) is manage
    assert permissions.can_view_document(person, document) is read
    assert permissions.visible_documents(person).filter(pk=document.pk).exists() is read
    assert permissions.visible_folders(person).filter(pk=folder.pk).exists() is read
    assert permissions.can_download(person, document.current_version) is read
    assert permissions.can_change_document(person, document) is manage

    if person.is_active:
        client.force_login(person)
        download = client.get(f"/documents/{document.pk}/versions/1/")
        assert download.status_code == (200 if read else 404)
        page = client.get(f"/documents/{document.pk}/")
        assert page.status_code == (200 if read else 404)
        assert (document.title in page.content.decode()) is read


def test_the_owner_changes_their_own_document_only_while_they_may_read_it() -> None:
    space = SpaceFactory(kind="closed")
    owner = PersonFactory()
    membership = MembershipFactory(space=space, person=owner)
    document = DocumentFactory(space=space, owner=owner)
    other = DocumentFactory(space=space)
    assert permissions.can_change_document(owner, document)
    assert not permissions.can_change_document(owner, other)
    membership.state = Membership.State.LEFT
    membership.save()
    assert not permissions.can_change_document(owner, document)


def test_a_deactivated_person_downloads_nothing(client) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    document = DocumentFactory()
    client.force_login(person)
    assert client.get(f"/documents/{document.pk}/versions/1/").status_code == 200
    person.is_active = False
    person.save()
    response = client.get(f"/documents/{document.pk}/versions/1/")
    assert response.status_code in (302, 404)
    assert not response.has_header("Content-Disposition")
