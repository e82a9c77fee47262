"""The permission matrix: every kind by every relation, function and queryset agreeing."""

import pytest

from plein.people.tests.factories import PersonFactory
from plein.spaces import permissions
from plein.spaces.models import Membership, Space

from .factories import MembershipFactory, SpaceFactory

KINDS = [Space.Kind.OPEN, Space.Kind.CLOSED, Space.Kind.SECRET]
RELATIONS = ["member", "invited", "requested", "left", "removed", "deactivated", "none"]

# (kind, relation) -> (sees the space, sees its content)
EXPECTED = {
    **{("open", r): (True, True) for r in RELATIONS},
    **{("closed", r): (True, r == "member") for r in RELATIONS},
    **{("secret", r): (r in ("member", "invited"), r == "member") for r in RELATIONS},
}
EXPECTED[("open", "deactivated")] = (False, False)
EXPECTED[("closed", "deactivated")] = (False, False)
EXPECTED[("secret", "deactivated")] = (False, False)


def _person_with(relation: str, space: Space):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    if relation in ("member", "invited", "requested", "left", "removed"):
        MembershipFactory(space=space, person=person, state=relation)
    elif relation == "deactivated":
        MembershipFactory(space=space, person=person, state="member")
        person.is_active = False
        person.save()
    return person


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("relation", RELATIONS)
def test_view_rules_and_querysets_agree(kind: str, relation: str) -> None:
    space = SpaceFactory(kind=kind)
    SpaceFactory(kind=kind)  # another space of the same kind the person has nothing to do with
    person = _person_with(relation, space)
    sees, sees_content = EXPECTED[(kind, relation)]

    assert permissions.can_view_space(person, space) is sees
    assert (space in permissions.visible_spaces(person)) is sees
    assert permissions.can_view_space_content(person, space) is sees_content
    assert (space in permissions.spaces_with_visible_content(person)) is sees_content


@pytest.mark.django_db
def test_querysets_agree_with_functions_for_every_space() -> None:
    person = PersonFactory()
    spaces = []
    for kind in KINDS:
        for state in ["member", "invited", "requested", "left", "removed", None]:
            space = SpaceFactory(kind=kind)
            if state:
                MembershipFactory(space=space, person=person, state=state)
            spaces.append(space)
    visible = set(permissions.visible_spaces(person))
    content = set(permissions.spaces_with_visible_content(person))
    for space in spaces:
        assert (space in visible) is permissions.can_view_space(person, space)
        assert (space in content) is permissions.can_view_space_content(person, space)
    # No duplicates from joins.
    assert permissions.visible_spaces(person).count() == len(visible)


@pytest.mark.django_db
def test_community_managers_do_not_see_secret_spaces(community_manager) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET)
    assert not permissions.can_view_space(community_manager, space)
    assert space not in permissions.visible_spaces(community_manager)


@pytest.mark.django_db
def test_anonymous_sees_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    space = SpaceFactory()
    anonymous = AnonymousUser()
    assert not permissions.can_view_space(anonymous, space)
    assert not permissions.visible_spaces(anonymous).exists()
    assert not permissions.spaces_with_visible_content(anonymous).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "relation", "join", "ask"),
    [
        ("open", "none", True, False),
        ("open", "left", True, False),
        ("open", "invited", True, False),
        ("open", "removed", False, False),
        ("open", "member", False, False),
        ("closed", "none", False, True),
        ("closed", "left", False, True),
        ("closed", "requested", False, False),
        ("closed", "removed", False, False),
        ("closed", "member", False, False),
        ("secret", "none", False, False),
        ("open", "deactivated", False, False),
    ],
)
def test_join_and_request(kind: str, relation: str, join: bool, ask: bool) -> None:
    space = SpaceFactory(kind=kind)
    person = _person_with(relation, space)
    assert permissions.can_join(person, space) is join
    assert permissions.can_request(person, space) is ask


@pytest.mark.django_db
def test_last_owner_cannot_leave_but_others_can() -> None:
    space = SpaceFactory()
    owner = MembershipFactory(space=space, role=Membership.Role.OWNER).person
    member = MembershipFactory(space=space).person
    assert permissions.can_leave(member, space)
    assert not permissions.can_leave(owner, space)
    MembershipFactory(space=space, role=Membership.Role.OWNER)
    assert permissions.can_leave(owner, space)
    assert not permissions.can_leave(PersonFactory(), space)


@pytest.mark.django_db
def test_moderation_and_defaults(community_manager, administrator) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).person
    owner = MembershipFactory(space=space, role=Membership.Role.OWNER).person
    member = MembershipFactory(space=space).person
    assert permissions.can_moderate(moderator, space)
    assert permissions.can_moderate(owner, space)
    assert not permissions.can_moderate(member, space)
    assert not permissions.can_moderate(community_manager, space)
    owner.is_active = False
    assert not permissions.can_moderate(owner, space)
    assert permissions.can_manage_defaults(community_manager)
    assert permissions.can_manage_defaults(administrator)
    assert not permissions.can_manage_defaults(member)
    assert permissions.can_create_space(member)
    member.is_active = False
    assert not permissions.can_create_space(member)
