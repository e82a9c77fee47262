import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from plein.people.tests.factories import PersonFactory
from plein.spaces import services
from plein.spaces.models import Membership, Space

from .factories import MembershipFactory, SpaceFactory

State = Membership.State
Role = Membership.Role
pytestmark = pytest.mark.django_db


def _state(space: Space, person) -> str:  # type: ignore[no-untyped-def]
    return Membership.objects.get(space=space, person=person).state


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def test_create_makes_the_creator_owner_and_a_unique_slug(person) -> None:  # type: ignore[no-untyped-def]
    first = services.space_create(
        creator=person, name="  Hardloop   club ", description="Rennen", kind="open"
    )
    second = services.space_create(
        creator=person, name="Hardloop club", description="", kind="open"
    )
    assert first.name == "Hardloop club"
    assert (first.slug, second.slug) == ("hardloop-club", "hardloop-club-2")
    membership = Membership.objects.get(space=first)
    assert (membership.person, membership.role, membership.state) == (person, "owner", "member")


def test_create_never_takes_the_new_form_address(person) -> None:  # type: ignore[no-untyped-def]
    assert services.space_create(creator=person, name="New", description="", kind="open").slug == (
        "new-2"
    )


def test_create_with_image_stores_a_square_jpeg(person) -> None:  # type: ignore[no-untyped-def]
    space = services.space_create(
        creator=person, name="Foto", description="", kind="open", image=_png()
    )
    with space.image.open() as handle:
        image = Image.open(handle)
        assert image.format == "JPEG"
        assert image.size[0] == image.size[1]


def test_create_rejects_bad_input_and_writes_nothing(person) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.space_create(creator=person, name="  ", description="", kind="open")
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.space_create(creator=person, name="X", description="", kind="public")
    with pytest.raises(ValidationError) as error:
        services.space_create(
            creator=person, name="X", description="", kind="open", image=io.BytesIO(b"nope")
        )
    assert "image" in error.value.message_dict
    assert not Space.objects.exists()


def test_inactive_person_cannot_create() -> None:
    with pytest.raises(PermissionDenied):
        services.space_create(
            creator=PersonFactory(is_active=False), name="X", description="", kind="open"
        )


def test_update_by_moderator_only() -> None:
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Role.MODERATOR).person
    member = MembershipFactory(space=space).person
    services.space_update(
        space=space, actor=moderator, name="Nieuw", description="D", kind="closed", image=_png()
    )
    space.refresh_from_db()
    assert (space.name, space.kind, bool(space.image)) == ("Nieuw", "closed", True)
    services.space_update(
        space=space,
        actor=moderator,
        name="Nieuw",
        description="D",
        kind="closed",
        remove_image=True,
    )
    space.refresh_from_db()
    assert not space.image
    with pytest.raises(PermissionDenied):
        services.space_update(space=space, actor=member, name="Y", description="", kind="open")


def test_join_open_space_and_rejoin_after_leaving() -> None:
    space = SpaceFactory(kind="open")
    person = PersonFactory()
    services.space_join(space=space, person=person)
    assert _state(space, person) == State.MEMBER
    services.space_leave(space=space, person=person)
    assert _state(space, person) == State.LEFT
    services.space_join(space=space, person=person)
    assert _state(space, person) == State.MEMBER
    assert Membership.objects.filter(space=space, person=person).count() == 1


@pytest.mark.parametrize("kind", ["closed", "secret"])
def test_cannot_join_closed_or_secret_directly(kind: str) -> None:
    with pytest.raises(ValidationError):
        services.space_join(space=SpaceFactory(kind=kind), person=PersonFactory())


def test_removed_people_cannot_join_again() -> None:
    space = SpaceFactory(kind="open")
    person = MembershipFactory(space=space, state=State.REMOVED).person
    with pytest.raises(ValidationError):
        services.space_join(space=space, person=person)


def test_request_accept_and_decline() -> None:
    space = SpaceFactory(kind="closed")
    moderator = MembershipFactory(space=space, role=Role.MODERATOR).person
    asker, other = PersonFactory(), PersonFactory()
    services.space_request_membership(space=space, person=asker)
    services.space_request_membership(space=space, person=other)
    with pytest.raises(ValidationError):
        services.space_request_membership(space=space, person=asker)  # already asked
    with pytest.raises(PermissionDenied):
        services.space_accept_request(space=space, person=asker, actor=other)
    services.space_accept_request(space=space, person=asker, actor=moderator)
    services.space_decline_request(space=space, person=other, actor=moderator)
    assert _state(space, asker) == State.MEMBER
    assert _state(space, other) == State.LEFT
    with pytest.raises(ValidationError):
        services.space_accept_request(space=space, person=other, actor=moderator)
    services.space_request_membership(space=space, person=other)  # may ask again
    assert _state(space, other) == State.REQUESTED


def test_cannot_request_open_space() -> None:
    with pytest.raises(ValidationError):
        services.space_request_membership(space=SpaceFactory(kind="open"), person=PersonFactory())


def test_invite_accept_and_decline() -> None:
    space = SpaceFactory(kind="secret")
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    invitee, other = PersonFactory(), PersonFactory()
    services.space_invite(space=space, person=invitee, actor=owner)
    services.space_invite(space=space, person=other, actor=owner)
    membership = Membership.objects.get(space=space, person=invitee)
    assert (membership.state, membership.invited_by) == (State.INVITED, owner)
    with pytest.raises(ValidationError, match="already been invited"):
        services.space_invite(space=space, person=invitee, actor=owner)
    services.space_accept_invitation(space=space, person=invitee)
    services.space_decline_invitation(space=space, person=other)
    assert _state(space, invitee) == State.MEMBER
    assert _state(space, other) == State.LEFT
    with pytest.raises(ValidationError, match="already a member"):
        services.space_invite(space=space, person=invitee, actor=owner)
    with pytest.raises(ValidationError):
        services.space_accept_invitation(space=space, person=other)


def test_invite_errors() -> None:
    space = SpaceFactory(kind="closed")
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    member = MembershipFactory(space=space).person
    with pytest.raises(PermissionDenied):
        services.space_invite(space=space, person=PersonFactory(), actor=member)
    with pytest.raises(ValidationError):
        services.space_invite(space=space, person=PersonFactory(is_active=False), actor=owner)


def test_inviting_someone_who_asked_lets_them_in() -> None:
    space = SpaceFactory(kind="closed")
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    asker = MembershipFactory(space=space, state=State.REQUESTED).person
    services.space_invite(space=space, person=asker, actor=owner)
    assert _state(space, asker) == State.MEMBER


def test_removed_people_can_be_invited_back() -> None:
    space = SpaceFactory(kind="open")
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    removed = MembershipFactory(space=space, state=State.REMOVED).person
    services.space_invite(space=space, person=removed, actor=owner)
    services.space_accept_invitation(space=space, person=removed)
    assert _state(space, removed) == State.MEMBER


def test_leave_errors() -> None:
    space = SpaceFactory()
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    with pytest.raises(ValidationError, match="last owner"):
        services.space_leave(space=space, person=owner)
    with pytest.raises(ValidationError):
        services.space_leave(space=space, person=PersonFactory())


def test_leaving_resets_the_role() -> None:
    space = SpaceFactory()
    MembershipFactory(space=space, role=Role.OWNER)
    moderator = MembershipFactory(space=space, role=Role.MODERATOR).person
    membership = services.space_leave(space=space, person=moderator)
    assert (membership.state, membership.role) == (State.LEFT, Role.MEMBER)


def test_remove_member() -> None:
    space = SpaceFactory()
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    moderator = MembershipFactory(space=space, role=Role.MODERATOR).person
    member = MembershipFactory(space=space).person
    services.space_remove_member(space=space, person=member, actor=moderator)
    assert _state(space, member) == State.REMOVED
    with pytest.raises(ValidationError):
        services.space_remove_member(space=space, person=member, actor=moderator)
    with pytest.raises(PermissionDenied):  # moderators cannot remove owners
        services.space_remove_member(space=space, person=owner, actor=moderator)
    with pytest.raises(ValidationError, match="needs an owner"):
        services.space_remove_member(space=space, person=owner, actor=owner)
    with pytest.raises(PermissionDenied):
        services.space_remove_member(space=space, person=moderator, actor=PersonFactory())


def test_set_role() -> None:
    space = SpaceFactory()
    owner = MembershipFactory(space=space, role=Role.OWNER).person
    moderator = MembershipFactory(space=space, role=Role.MODERATOR).person
    member = MembershipFactory(space=space).person
    services.space_set_role(space=space, person=member, role=Role.MODERATOR, actor=moderator)
    assert Membership.objects.get(space=space, person=member).role == Role.MODERATOR
    with pytest.raises(PermissionDenied):  # only owners hand out ownership
        services.space_set_role(space=space, person=member, role=Role.OWNER, actor=moderator)
    with pytest.raises(ValidationError, match="needs an owner"):
        services.space_set_role(space=space, person=owner, role=Role.MEMBER, actor=owner)
    with pytest.raises(ValidationError):
        services.space_set_role(space=space, person=member, role="king", actor=owner)
    with pytest.raises(ValidationError):
        services.space_set_role(space=space, person=PersonFactory(), role="member", actor=owner)
    services.space_set_role(space=space, person=member, role=Role.OWNER, actor=owner)
    services.space_set_role(space=space, person=owner, role=Role.MEMBER, actor=owner)
    assert Membership.objects.get(space=space, person=owner).role == Role.MEMBER
