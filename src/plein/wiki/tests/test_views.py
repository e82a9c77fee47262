"""The wiki's pages: 404 for what you may not read, 403 for what you may not do, flat queries."""

import pytest
from django.urls import reverse

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.wiki import services
from plein.wiki.models import Page
from plein.wiki.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def _login(client, space=None, role=Membership.Role.MEMBER):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    if space is not None:
        MembershipFactory(space=space, person=person, role=role)
    client.force_login(person)
    return person


def test_secret_wiki_is_404_for_outsiders(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="secret")
    page = PageFactory(space=space)
    _login(client)
    assert client.get(reverse("wiki:index", args=[space.slug])).status_code == 404
    assert client.get(page.get_absolute_url()).status_code == 404
    assert client.get(reverse("wiki:history", args=[space.slug, page.slug])).status_code == 404


def test_reader_of_open_space_may_not_edit(client):  # type: ignore[no-untyped-def]
    page = PageFactory()
    _login(client)
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200 and b'id="wiki-edit"' not in response.content
    assert client.get(reverse("wiki:edit", args=[page.space.slug, page.slug])).status_code == 403
    url = reverse("wiki:restore", args=[page.space.slug, page.slug, 1])
    assert client.post(url).status_code == 403


def test_member_creates_edits_and_sees_history(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(slug="burgerzaken")
    person = _login(client, space)
    response = client.post(
        reverse("wiki:create", args=[space.slug]),
        {"title": "Paspoort aanvragen", "body": "Zie [[Rijbewijs verlengen]]."},
    )
    page = Page.objects.get()
    assert response.status_code == 302 and response.url == page.get_absolute_url()
    response = client.get(page.get_absolute_url())
    assert b'id="wiki-updated"' in response.content
    assert person.full_name.encode() in response.content
    assert b"/wiki/burgerzaken/new/?title=Rijbewijs+verlengen" in response.content
    response = client.post(
        reverse("wiki:edit", args=[space.slug, page.slug]),
        {"title": "Paspoort aanvragen", "body": "Nieuwe tekst", "base_revision": 1},
    )
    assert response.status_code == 302
    response = client.get(reverse("wiki:revision", args=[space.slug, page.slug, 2]))
    assert b"<del>Zie [[Rijbewijs verlengen]].</del>" in response.content
    assert b"<ins>Nieuwe tekst</ins>" in response.content


def test_conflict_keeps_the_typed_text(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    person = _login(client, space)
    page = services.page_create(space=space, author=person, title="Wmo", body="Begin")
    services.page_update(page=page, editor=person, title="Wmo", body="Tussendoor", base_revision=1)
    response = client.post(
        reverse("wiki:edit", args=[space.slug, page.slug]),
        {"title": "Wmo", "body": "Mijn zorgvuldige tekst", "base_revision": 1},
    )
    assert response.status_code == 400
    assert b"Mijn zorgvuldige tekst" in response.content
    assert b'id="wiki-conflict"' in response.content
    page.refresh_from_db()
    assert page.body == "Tussendoor"


def test_preview_without_javascript(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    _login(client, space)
    response = client.post(
        reverse("wiki:create", args=[space.slug]),
        {"title": "T", "body": "**vet**", "preview": "1"},
    )
    assert b"<strong>vet</strong>" in response.content and not Page.objects.exists()


def test_delete_page_with_children_is_refused(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    person = _login(client, space, Membership.Role.MODERATOR)
    top = services.page_create(space=space, author=person, title="Top", body="")
    services.page_create(space=space, author=person, title="Kind", body="", parent=top)
    url = reverse("wiki:delete", args=[space.slug, top.slug])
    assert b'id="wiki-delete-blocked"' in client.get(url).content
    client.post(url)
    assert Page.objects.count() == 2


@pytest.mark.parametrize("count", [5, 25])
def test_index_query_count_is_flat(client, django_assert_num_queries, count):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    _login(client, space)
    parent = None
    for number in range(count):
        parent = PageFactory(space=space, parent=parent if number % 2 else None)
    url = reverse("wiki:index", args=[space.slug])
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_moderator_moves_a_page_but_not_under_itself(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory()
    person = _login(client, space, Membership.Role.MODERATOR)
    top = services.page_create(space=space, author=person, title="Top", body="")
    child = services.page_create(space=space, author=person, title="Kind", body="", parent=top)
    url = reverse("wiki:move", args=[space.slug, top.slug])
    assert client.get(url).status_code == 200
    assert client.post(url, {"parent": child.pk}).status_code == 400  # not offered: invalid
    assert (
        client.post(reverse("wiki:move", args=[space.slug, child.slug]), {"parent": ""}).status_code
        == 302
    )
    child.refresh_from_db()
    assert child.parent is None
