"""Who reads, edits, moves and deletes wiki pages: the rule and its queryset agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.wiki import permissions
from plein.wiki.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def _person(space, relation):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    if relation in ("member", "moderator", "deactivated"):
        role = Membership.Role.MODERATOR if relation == "moderator" else Membership.Role.MEMBER
        MembershipFactory(space=space, person=person, role=role)
    if relation == "deactivated":
        person.is_active = False
        person.save()
    return person


@pytest.mark.parametrize(
    ("kind", "relation", "read", "edit", "delete"),
    [
        ("open", "outsider", True, False, False),
        ("open", "member", True, True, False),
        ("open", "moderator", True, True, True),
        ("open", "deactivated", False, False, False),
        ("closed", "outsider", False, False, False),
        ("closed", "member", True, True, False),
        ("closed", "moderator", True, True, True),
        ("closed", "deactivated", False, False, False),
        ("secret", "outsider", False, False, False),
        ("secret", "member", True, True, False),
        ("secret", "moderator", True, True, True),
        ("secret", "deactivated", False, False, False),
    ],
)
def test_rules_matrix(kind, relation, read, edit, delete):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=kind)
    page = PageFactory(space=space)
    person = _person(space, relation)
    assert permissions.can_view_page(person, page) is read
    assert permissions.visible_pages(person).filter(pk=page.pk).exists() is read
    assert permissions.can_edit_page(person, page) is edit
    assert permissions.editable_wiki_spaces(person).filter(pk=space.pk).exists() is edit
    assert permissions.can_delete_page(person, page, has_children=False) is delete
    assert permissions.can_move_page(person, page) is delete


def test_creator_may_delete_own_leaf_page_only_while_member():  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    author = _person(space, "member")
    page = PageFactory(space=space, created_by=author)
    assert permissions.can_delete_page(author, page, has_children=False)
    assert not permissions.can_delete_page(author, page, has_children=True)
    Membership.objects.filter(person=author).update(state=Membership.State.LEFT)
    assert not permissions.can_delete_page(author, page, has_children=False)


def test_nobody_deletes_a_page_with_children():  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    moderator = _person(space, "moderator")
    assert not permissions.can_delete_page(moderator, PageFactory(space=space), has_children=True)


def test_anonymous_sees_nothing():  # type: ignore[no-untyped-def]
    page = PageFactory()
    assert not permissions.can_view_page(AnonymousUser(), page)
    assert not permissions.visible_pages(AnonymousUser()).exists()
