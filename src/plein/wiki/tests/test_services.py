"""Writing pages: revisions, concurrent edits, restore, moving without cycles, deleting leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plein.people.tests.factories import PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.wiki import links, selectors, services
from plein.wiki.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():  # type: ignore[no-untyped-def]
    return SpaceFactory(slug="burgerzaken")


def member(space, role=Membership.Role.MEMBER):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    MembershipFactory(space=space, person=person, role=role)
    return person


def test_create_and_update_keep_every_version(space):  # type: ignore[no-untyped-def]
    anna, bram = member(space), member(space)
    page = services.page_create(
        space=space, author=anna, title="Paspoort  aanvragen", body="Stap 1"
    )
    assert (page.title, page.slug, page.revision) == ("Paspoort aanvragen", "paspoort-aanvragen", 1)
    services.page_update(
        page=page, editor=bram, title=page.title, body="Stap 1\nStap 2", base_revision=1
    )
    page.refresh_from_db()
    assert page.revision == 2 and page.updated_by == bram
    assert "Stap 2" in page.body_html
    numbers = [(r.number, r.edited_by, r.body) for r in selectors.revisions(page)]
    assert numbers == [(2, bram, "Stap 1\nStap 2"), (1, anna, "Stap 1")]


def test_outsider_cannot_create(space):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.page_create(space=space, author=PersonFactory(), title="X", body="")


def test_titles_are_unique_per_space_and_slugs_stay_unique(space):  # type: ignore[no-untyped-def]
    anna = member(space)
    services.page_create(space=space, author=anna, title="Paspoort", body="")
    with pytest.raises(ValidationError) as error:
        services.page_create(space=space, author=anna, title="paspoort", body="")
    assert "title" in error.value.error_dict
    other = services.page_create(space=space, author=anna, title="Paspoort!", body="")
    assert other.slug == "paspoort-2"
    assert services.page_create(space=space, author=anna, title="New", body="").slug != "new"


def test_concurrent_edit_is_refused(space):  # type: ignore[no-untyped-def]
    anna, bram = member(space), member(space)
    page = services.page_create(space=space, author=anna, title="Wmo", body="Begin")
    services.page_update(page=page, editor=anna, title="Wmo", body="Anna's tekst", base_revision=1)
    stale = Page.objects.get(pk=page.pk)
    with pytest.raises(ValidationError) as error:
        services.page_update(
            page=stale, editor=bram, title="Wmo", body="Bram's tekst", base_revision=1
        )
    assert error.value.code == "conflict"
    page.refresh_from_db()
    assert page.body == "Anna's tekst" and page.revision == 2


def test_restore_makes_a_new_version(space):  # type: ignore[no-untyped-def]
    anna = member(space)
    page = services.page_create(space=space, author=anna, title="Rijbewijs", body="Oud")
    services.page_update(
        page=page, editor=anna, title="Rijbewijs verlengen", body="Nieuw", base_revision=1
    )
    services.revision_restore(page=page, editor=anna, number=1)
    page.refresh_from_db()
    assert (page.title, page.body, page.revision) == ("Rijbewijs", "Oud", 3)
    assert page.revisions.get(number=3).restored_from == 1
    with pytest.raises(PermissionDenied):
        services.revision_restore(page=page, editor=PersonFactory(), number=2)


def test_diff_marks_added_and_removed_lines(space):  # type: ignore[no-untyped-def]
    anna = member(space)
    page = services.page_create(space=space, author=anna, title="A", body="een\ntwee\ndrie")
    services.page_update(page=page, editor=anna, title="A", body="een\nTWEE\ndrie", base_revision=1)
    lines = selectors.diff(page.revisions.get(number=1), page.revisions.get(number=2))
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "een"),
        ("removed", "twee"),
        ("added", "TWEE"),
        ("same", "drie"),
    ]


def test_move_refuses_cycles_and_other_spaces(space):  # type: ignore[no-untyped-def]
    moderator = member(space, Membership.Role.MODERATOR)
    top = services.page_create(space=space, author=moderator, title="Werkinstructies", body="")
    child = services.page_create(
        space=space, author=moderator, title="Paspoort", body="", parent=top
    )
    grandchild = services.page_create(
        space=space, author=moderator, title="Spoed", body="", parent=child
    )
    for parent in (top, grandchild):
        with pytest.raises(ValidationError):
            services.page_move(page=top, actor=moderator, parent=parent)
    elsewhere = SpaceFactory()
    MembershipFactory(space=elsewhere, person=moderator)
    foreign = services.page_create(space=elsewhere, author=moderator, title="X", body="")
    with pytest.raises(ValidationError):
        services.page_move(page=child, actor=moderator, parent=foreign)
    services.page_move(page=grandchild, actor=moderator, parent=None)
    grandchild.refresh_from_db()
    assert grandchild.parent is None
    with pytest.raises(PermissionDenied):
        services.page_move(page=child, actor=member(space), parent=None)


def test_delete_only_leaves(space):  # type: ignore[no-untyped-def]
    moderator = member(space, Membership.Role.MODERATOR)
    top = services.page_create(space=space, author=moderator, title="Top", body="")
    leaf = services.page_create(space=space, author=moderator, title="Blad", body="", parent=top)
    with pytest.raises(ValidationError):
        services.page_delete(page=top, actor=moderator)
    with pytest.raises(PermissionDenied):
        services.page_delete(page=leaf, actor=member(space))
    services.page_delete(page=leaf, actor=moderator)
    services.page_delete(page=top, actor=moderator)
    assert not Page.objects.exists()


def test_links_existing_missing_and_escaped(space):  # type: ignore[no-untyped-def]
    anna = member(space)
    services.page_create(space=space, author=anna, title="Paspoort aanvragen", body="")
    page = services.page_create(
        space=space,
        author=anna,
        title="Overzicht",
        body="Zie [[paspoort aanvragen]], [[paspoort-aanvragen|het paspoort]] en "
        '[[<script>alert(1)</script>]] en [[Nog "niet" & zo]].\n\n`[[Paspoort aanvragen]]`',
    )
    html = links.link_pages(page.body_html, space=space, can_create=True)
    assert html.count('href="/wiki/burgerzaken/paspoort-aanvragen/"') == 2
    assert ">het paspoort</a>" in html
    assert "<script>" not in html
    assert "/wiki/burgerzaken/new/?title=Nog+%22niet%22+%26+zo" in html
    assert "<code>[[Paspoort aanvragen]]</code>" in html
    reader = links.link_pages(page.body_html, space=space, can_create=False)
    assert "/new/" not in reader and "wiki-link--missing" in reader


def test_link_titles_cannot_inject_html(space):  # type: ignore[no-untyped-def]
    anna = member(space)
    with pytest.raises(ValidationError):
        services.page_create(space=space, author=anna, title="[[x]]", body="")
    evil = services.page_create(
        space=space, author=anna, title='<img src=x onerror="a()">', body=""
    )
    page = services.page_create(space=space, author=anna, title="B", body=f"[[{evil.title}]]")
    html = links.link_pages(page.body_html, space=space, can_create=True)
    assert "<img" not in html and "&lt;img" in html and evil.slug in html
