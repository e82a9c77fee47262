import pytest
from django.urls import reverse
from django.utils.html import escape

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership, Space

from .factories import MembershipFactory, SpaceFactory

State = Membership.State
pytestmark = pytest.mark.django_db


def test_directory_lists_visible_spaces_and_searches(logged_in_client, person) -> None:  # type: ignore[no-untyped-def]
    SpaceFactory(name="Hardloopclub")
    SpaceFactory(name="Fotografie")
    SpaceFactory(name="Geheim", kind="secret")
    page = logged_in_client.get(reverse("spaces:directory")).content.decode()
    assert "Hardloopclub" in page and "Fotografie" in page and "Geheim" not in page
    page = logged_in_client.get(reverse("spaces:directory"), {"q": "hardloop"}).content.decode()
    assert "Hardloopclub" in page and "Fotografie" not in page
    partial = logged_in_client.get(
        reverse("spaces:directory"), {"q": "foto"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Fotografie" in partial and "<html" not in partial


def test_my_spaces_tab(logged_in_client, person) -> None:  # type: ignore[no-untyped-def]
    MembershipFactory(person=person, space=SpaceFactory(name="Mijn ruimte"))
    SpaceFactory(name="Andere ruimte")
    page = logged_in_client.get(reverse("spaces:directory"), {"tab": "mine"}).content.decode()
    assert "Mijn ruimte" in page and "Andere ruimte" not in page


def test_directory_query_count_is_fixed(logged_in_client, person) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert logged_in_client.get(reverse("spaces:directory")).status_code == 200
        return len(queries)

    SpaceFactory()
    count()  # warm caches (branding, session)
    few = count()
    for _ in range(10):
        MembershipFactory(space=SpaceFactory(), person=person)
    assert count() == few


def test_members_page_query_count_is_fixed(client) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    owner = MembershipFactory(space=space, role="owner").person
    client.force_login(owner)
    url = reverse("spaces:members", args=[space.slug])

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    MembershipFactory(space=space)
    MembershipFactory(space=space, state=State.REQUESTED)
    count()  # warm caches (branding, session)
    few = count()
    MembershipFactory.create_batch(10, space=space)
    MembershipFactory.create_batch(5, space=space, state=State.REQUESTED)
    assert count() == few


def test_secret_space_is_404_for_outsiders(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="secret")
    for name in ("detail", "members", "edit", "image"):
        assert logged_in_client.get(reverse(f"spaces:{name}", args=[space.slug])).status_code == 404
    assert logged_in_client.post(reverse("spaces:join", args=[space.slug])).status_code == 404


def test_settings_are_403_for_non_moderators(logged_in_client, person) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    MembershipFactory(space=space, person=person)
    assert logged_in_client.get(reverse("spaces:edit", args=[space.slug])).status_code == 403
    assert logged_in_client.get(reverse("spaces:defaults", args=[space.slug])).status_code == 403
    other = PersonFactory()
    MembershipFactory(space=space, person=other)
    url = reverse("spaces:remove", args=[space.slug, other.pk])
    assert logged_in_client.post(url).status_code == 403


def test_create_join_ask_and_accept_without_js(client) -> None:  # type: ignore[no-untyped-def]
    creator, joiner = PersonFactory(), PersonFactory()
    client.force_login(creator)
    response = client.post(
        reverse("spaces:create"), {"name": "Projectteam", "description": "X", "kind": "closed"}
    )
    space = Space.objects.get(name="Projectteam")
    assert response.status_code == 302 and response["Location"] == space.get_absolute_url()
    client.force_login(joiner)
    client.post(reverse("spaces:ask", args=[space.slug]))
    assert Membership.objects.get(space=space, person=joiner).state == State.REQUESTED
    client.force_login(creator)
    page = client.get(reverse("spaces:members", args=[space.slug])).content.decode()
    assert escape(joiner.full_name) in page
    client.post(reverse("spaces:accept_request", args=[space.slug, joiner.pk]))
    assert Membership.objects.get(space=space, person=joiner).state == State.MEMBER


def test_create_form_shows_errors_and_keeps_input(logged_in_client) -> None:  # type: ignore[no-untyped-def]
    response = logged_in_client.post(
        reverse("spaces:create"), {"name": "", "description": "Bewaard", "kind": "open"}
    )
    assert response.status_code == 400
    assert "Bewaard" in response.content.decode()
    assert not Space.objects.exists()


def test_invite_by_email(client) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="secret")
    owner = MembershipFactory(space=space, role="owner").person
    invitee = PersonFactory(email="nieuw@example.org")
    client.force_login(owner)
    url = reverse("spaces:invite", args=[space.slug])
    assert client.post(url, {"email": "onbekend@example.org"}).status_code == 400
    assert client.post(url, {"email": "NIEUW@example.org"}).status_code == 302
    assert Membership.objects.get(space=space, person=invitee).state == State.INVITED
    client.force_login(invitee)
    assert client.get(space.get_absolute_url()).status_code == 200
    client.post(reverse("spaces:accept_invitation", args=[space.slug]))
    assert Membership.objects.get(space=space, person=invitee).state == State.MEMBER


def test_invite_with_the_picker(client) -> None:  # type: ignore[no-untyped-def]
    """The members page offers the picker; what it fills in ("Name <address>") invites."""
    space = SpaceFactory(kind="secret")
    owner = MembershipFactory(space=space, role="owner").person
    invitee = PersonFactory(email="gast@example.org")
    client.force_login(owner)
    page = client.get(reverse("spaces:members", args=[space.slug])).content.decode()
    assert f'data-picker-url="{reverse("people:picker")}"' in page
    url = reverse("spaces:invite", args=[space.slug])
    response = client.post(url, {"email": f"{invitee.full_name} <gast@example.org>"})
    assert response.status_code == 302
    assert Membership.objects.get(space=space, person=invitee).state == State.INVITED
    response = client.post(url, {"email": "Jan"})
    assert response.status_code == 400
    assert "choose a colleague from the list" in response.content.decode()
    assert 'value="Jan"' in response.content.decode()


def test_defaults_page_for_community_managers(
    client, community_manager, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    person = PersonFactory()
    client.force_login(community_manager)
    url = reverse("spaces:defaults", args=[space.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"for_everyone": "on"})
    assert Membership.objects.filter(space=space, person=person, state=State.MEMBER).exists()


def test_space_page_counts_active_members_and_previews_staff_first_then_by_name(client) -> None:  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    members = [
        MembershipFactory(
            space=space, person=PersonFactory(first_name="Lid", last_name=f"L{n:02d}")
        )
        for n in (14, 3, 9, 1, 12, 5, 7, 11, 2, 13, 8, 4, 10, 6)
    ]
    owner = MembershipFactory(space=space, role="owner", person=PersonFactory(last_name="Z"))
    moderator = MembershipFactory(
        space=space, role="moderator", person=PersonFactory(last_name="Y")
    )
    MembershipFactory(space=space, person=PersonFactory(last_name="A", is_active=False))
    MembershipFactory(space=space, role="moderator", person=PersonFactory(is_active=False))
    for state in (State.REQUESTED, State.INVITED, State.LEFT, State.REMOVED):
        MembershipFactory(space=space, state=state, person=PersonFactory(last_name="B"))
    client.force_login(members[0].person)
    response = client.get(space.get_absolute_url())
    assert response.context["space"].member_count == 16
    by_name = sorted(members, key=lambda m: m.person.last_name)
    assert response.context["members"] == [owner, moderator, *by_name[:10]]
    assert "16 members" in response.content.decode()


def test_space_page_query_count_does_not_grow_with_members_or_posts(client) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plein.posts.tests.factories import PostFactory

    space = SpaceFactory()
    viewer = MembershipFactory(space=space).person
    MembershipFactory(space=space, role="owner")
    PostFactory(space=space, author=viewer)
    client.force_login(viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(space.get_absolute_url()).status_code == 200
        return len(queries)

    count()  # warm caches (branding, session, the first visit)
    few = count()
    MembershipFactory.create_batch(15, space=space)
    MembershipFactory.create_batch(3, space=space, role="moderator")
    PostFactory.create_batch(5, space=space)
    assert count() == few
