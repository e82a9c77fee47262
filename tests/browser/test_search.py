"""Site-wide search in Chromium: the box in the header on a computer and on a phone, with
suggestions as you type (a keyboard-operable combobox), the results page, a secret space's post
that a non-member never finds, and a document found by a word inside its PDF."""

import pytest

from plein.documents import services as documents
from plein.documents.models import DocumentVersion
from plein.documents.tests.factories import pdf, upload
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.tests.factories import PostFactory
from plein.search.models import SearchEntry
from plein.search.services import search_reindex
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .conftest import PHONE, Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _solar() -> tuple[Space, str]:
    """A space and a post about solar panels, indexed; returns the space and the post's page."""
    space = SpaceFactory(name="Werkgroep zonnepanelen", slug="zonnepanelen")
    post = PostFactory(body="De zonnepanelen op het dak van het stadhuis leveren stroom.")
    search_reindex()
    return space, post.get_absolute_url()


def _type(visitor: Visitor, word: str) -> None:
    """Types into the header's box (as a person does, key by key) and waits for the list."""
    field = visitor.page.get_by_role("combobox", name="Zoeken")
    field.click()
    with visitor.page.expect_response("**/search/suggest/**"):
        field.press_sequentially(word, delay=20)
    visitor.page.wait_for_selector("#site-search-q[aria-expanded=true]")


def _result_links(visitor: Visitor, url: str) -> int:
    return visitor.page.locator(f'#main a[href="{url}"]').count()


def test_search_from_the_header_on_a_computer(visitor):  # type: ignore[no-untyped-def]
    _, post_url = _solar()
    person = PersonFactory()
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/news/")

    _type(visitor, "zonnepanelen")
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name="Werkgroep zonnepanelen")
    assert option.is_visible()
    field = page.locator("#site-search-q")
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    visitor.check_accessibility()  # with the suggestions open

    # Enter with no option chosen: the results page, which lists the post.
    field.press("Enter")
    page.wait_for_url("**/search/?q=zonnepanelen")
    visitor.check_accessibility()
    assert _result_links(visitor, post_url) >= 1


def test_a_suggestion_opens_with_the_keyboard_only(visitor):  # type: ignore[no-untyped-def]
    space, _ = _solar()
    person = PersonFactory()
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/news/")

    _type(visitor, "zonnepanelen")
    field = page.locator("#site-search-q")
    # Escape closes the list and leaves the word; ArrowDown opens it again.
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert field.input_value() == "zonnepanelen"
    field.press("ArrowDown")
    assert field.get_attribute("aria-expanded") == "true"
    chosen = field.get_attribute("aria-activedescendant")
    assert chosen
    assert page.locator(f"#{chosen}").get_attribute("aria-selected") == "true"
    index = page.locator("[role=option]").evaluate_all(
        "(options) => options.findIndex((o) => o.textContent.includes('Werkgroep zonnepanelen'))"
    )
    for _ in range(index):
        field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(f"**/spaces/{space.slug}/")


def test_search_from_the_header_on_a_phone(phone_visitor):  # type: ignore[no-untyped-def]
    _, post_url = _solar()
    person = PersonFactory()
    page = phone_visitor.page
    phone_visitor.log_in(person.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/news/")

    # One row still: the search field is an icon that opens it below the header.
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] < 80
    assert not page.get_by_role("combobox", name="Zoeken").is_visible()
    page.get_by_role("link", name="Zoeken").click()
    _type(phone_visitor, "zonnepanelen")
    box = page.locator("#site-search-suggestions").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone_visitor.check_accessibility()  # no sideways scrolling with the list open

    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/?q=zonnepanelen")
    phone_visitor.check_accessibility()
    assert _result_links(phone_visitor, post_url) >= 1


def test_a_post_in_a_secret_space_is_not_found_by_a_non_member(visitor):  # type: ignore[no-untyped-def]
    secret = SpaceFactory(name="Reorganisatie directie", kind=Space.Kind.SECRET)
    member = MembershipFactory(space=secret).person
    post = PostFactory(author=member, space=secret, body="Het geheime zeilkamp in september.")
    search_reindex()
    assert SearchEntry.objects.filter(kind="post", object_id=post.pk).exists()
    outsider = PersonFactory()
    page = visitor.page
    visitor.log_in(outsider.email, DEFAULT_PASSWORD)
    visitor.visit("/news/")

    field = page.get_by_role("combobox", name="Zoeken")
    field.fill("zeilkamp")
    field.press("Enter")
    page.wait_for_url("**/search/?q=zeilkamp")
    visitor.check_accessibility()
    assert _result_links(visitor, post.get_absolute_url()) == 0
    visitor.visit("/search/?q=Reorganisatie")
    assert "Reorganisatie directie" not in page.locator("#main").inner_text()


def test_a_document_is_found_by_a_word_inside_its_pdf(visitor):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    document = documents.document_create(
        by=editor,
        space=None,
        folder=None,
        title="Protocol balie",
        upload=upload("protocol.pdf", pdf("Bij agressie belt u de teamleider.")),
    )
    # The text was extracted by the task (the immediate backend in tests), and indexed.
    assert "teamleider" in DocumentVersion.objects.get(document=document).text
    reader = PersonFactory()
    page = visitor.page
    visitor.log_in(reader.email, DEFAULT_PASSWORD)
    visitor.visit("/news/")

    field = page.get_by_role("combobox", name="Zoeken")
    field.fill("teamleider")
    field.press("Enter")
    page.wait_for_url("**/search/?q=teamleider")
    visitor.check_accessibility()
    assert _result_links(visitor, document.get_absolute_url()) >= 1


def test_an_editor_pins_a_best_bet_that_a_member_sees_first(visitor):  # type: ignore[no-untyped-def]
    _solar()
    editor = PersonFactory(roles=["editor"])
    page = visitor.page
    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.get_by_role("link", name="Aanbevelingen").click()
    page.wait_for_url("**/search/best-bets/")
    visitor.check_accessibility()
    form = page.locator("#best-bet-form")
    form.get_by_label("Zoekterm").fill("Zonnepanelen")
    form.get_by_label("Titel").fill("Subsidie voor zonnepanelen")
    form.get_by_label("Adres").fill("/wiki/zonnepanelen/")
    form.get_by_role("button", name="Aanbeveling toevoegen").click()
    page.wait_for_selector("#best-bet-list")
    visitor.check_accessibility()
    assert "zonnepanelen" in page.locator("#best-bet-list").inner_text()

    page.context.clear_cookies()
    member = PersonFactory()
    visitor.log_in(member.email, DEFAULT_PASSWORD)
    field = page.get_by_role("combobox", name="Zoeken")
    field.fill("Zonnepanelen")
    field.press("Enter")
    page.wait_for_url("**/search/?q=Zonnepanelen")
    visitor.check_accessibility()
    first = page.locator("#main a[href]").filter(has_text="zonnepanelen").first
    assert first.get_attribute("href") == "/wiki/zonnepanelen/"
    assert "Aanbevolen" in page.locator("#search-best-bets").inner_text()
