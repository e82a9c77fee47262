"""Plein on a phone (375 px wide) in Chromium: the main navigation is one row with a menu
button, wide tables scroll inside their own box, the start page puts the stream near the top
and jumps to the personal blocks, advises installing the app, and the guided tour stays on the
screen. (Every page any browser test visits is also checked for sideways scrolling at 375 px:
conftest.Visitor.check_phone_width.)"""

from datetime import timedelta

import pytest
from django.utils import timezone

from plein.documents.models import DocumentVersion
from plein.documents.tests.factories import DocumentFactory
from plein.events.tests.factories import RSVPFactory
from plein.launch.models import LaunchPlan
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory
from plein.posts.tests.factories import PostFactory
from plein.startpage.models import QuickLink
from plein.startpage.widgets import PHONE_POSTS

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inside(box, size) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        box
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def test_the_main_navigation_is_one_row_with_a_menu_button(phone_visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(roles=["community_manager"])
    page = phone_visitor.page
    phone_visitor.log_in(person.email, DEFAULT_PASSWORD)
    phone_visitor.visit("/news/")

    # One row: the name, the menu button, the bell and the avatar (not three rows of links).
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] < 80
    assert not page.locator(".site-nav").is_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert not menu.is_visible()

    # The button opens the menu with the keyboard (a <details>: no JavaScript needed); every
    # link, including those under "More" on a computer, is on the screen.
    page.focus(".nav-menu summary")
    page.keyboard.press("Enter")
    assert menu.is_visible()
    links = menu.get_by_role("link")
    names = links.all_inner_texts()
    assert {"Start", "Nieuws", "Documenten", "Kudos", "Beheer"} <= set(names)
    for index in range(links.count()):
        assert _inside(links.nth(index).bounding_box(), PHONE), names[index]
    assert menu.get_by_role("link", name="Nieuws").get_attribute("aria-current") == "page"
    phone_visitor.check_accessibility()  # with the menu open
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Start"
    menu.get_by_role("link", name="Documenten").click()
    page.wait_for_url("**/documents/")
    assert not menu.is_visible()  # closed again on the next page


def test_the_more_menu_stays_on_the_screen(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory()
    page = visitor.page
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    for width in (1024, DESKTOP["width"]):
        size = {"width": width, "height": DESKTOP["height"]}
        page.set_viewport_size(size)
        visitor.visit("/news/")
        assert not page.locator(".nav-menu").is_visible()
        page.click(".more-menu summary")
        items = page.locator(".more-menu__list a")
        assert items.count() == 6
        for index in range(items.count()):
            assert _inside(items.nth(index).bounding_box(), size)
        visitor.check_accessibility()  # also narrowed to 375 px with the menu open


def test_a_wide_table_scrolls_in_its_own_box(phone_visitor):  # type: ignore[no-untyped-def]
    owner = PersonFactory()
    document = DocumentFactory(owner=owner, title="Protocol agressie aan de balie")
    first = document.current_version
    second = DocumentVersion.objects.create(
        document=document,
        number=2,
        name="protocol-agressie-aan-de-balie-herzien.pdf",
        content_type=first.content_type,
        size=first.size,
        file=first.file.name,
        uploaded_by=owner,
        uploaded_at=timezone.now(),
    )
    document.current_version = second
    document.save(update_fields=["current_version"])
    page = phone_visitor.page
    phone_visitor.log_in(owner.email, DEFAULT_PASSWORD)
    phone_visitor.visit(f"/documents/{document.pk}/")  # the page itself: 375 px (conftest)

    box = page.get_by_role("group", name="Versies")  # in the section of that name
    assert box.locator("#document-versions").count() == 1
    width, inner = box.evaluate("(el) => [el.clientWidth, el.scrollWidth]")
    assert inner > width  # the table is wider than the screen: it scrolls inside the box
    # With the keyboard: the box takes focus and the arrow keys scroll it.
    box.focus()
    page.keyboard.press("ArrowRight")
    phone_visitor.wait_until(
        "document.querySelector('#document-versions').parentElement.scrollLeft > 0"
    )


def _busy_start_page() -> object:
    """A start page as in the weeks after the launch: the department race (a table), a dozen
    long posts, an event to go to, a quick link."""
    LaunchPlan.objects.create(
        pk=1, phase=LaunchPlan.Phase.LAUNCHED, launched_at=timezone.now() - timedelta(days=3)
    )
    department = DepartmentFactory(name="Publiekszaken en Dienstverlening")
    for name in ("Financiën", "Burgerzaken", "Informatievoorziening"):
        PersonFactory(department=DepartmentFactory(name=name))
    anne = PersonFactory(first_name="Anne", department=department)
    colleague = PersonFactory()
    now = timezone.now()
    for number in range(12):
        PostFactory(
            author=colleague,
            is_announcement=True,  # in everyone's stream
            body=f"Bericht {number}",
            body_html=f"<p>Bericht {number}: {'nieuws uit de organisatie ' * 20}</p>",
            created_at=now - timedelta(hours=number + 1),
        )
    RSVPFactory(person=anne, event__title="Teamoverleg Publiekszaken")
    QuickLink.objects.create(title="Roosters", url="https://example.org/roosters", position=1)
    return anne


def test_the_start_page_on_a_phone(phone_visitor):  # type: ignore[no-untyped-def]
    anne = _busy_start_page()
    page = phone_visitor.page
    phone_visitor.log_in(anne.email, DEFAULT_PASSWORD)  # type: ignore[attr-defined]
    phone_visitor.visit("/")  # with the department race's table: 375 px wide (conftest)
    assert page.locator("#race-widget-board").count() == 1

    # The stream starts near the top, and shows its first posts, not all of them.
    top = page.locator("#stream-heading").evaluate("(el) => el.getBoundingClientRect().top")
    assert top < PHONE["height"] * 1.5
    posts = page.locator("#widget-stream .stream__item")
    assert posts.count() == 12
    visible = [posts.nth(i).is_visible() for i in range(posts.count())]
    assert visible == [True] * PHONE_POSTS + [False] * (12 - PHONE_POSTS)
    assert not page.locator("#stream-more").is_visible()

    # The personal blocks are one tap away, from a bar at the top.
    jump = page.get_by_role("navigation", name="Op deze pagina")
    assert _inside(jump.bounding_box(), PHONE)
    for name in ("Mijn agenda", "Mijn ruimtes", "Snelkoppelingen"):
        assert jump.get_by_role("link", name=name).count() == 1
    jump.get_by_role("link", name="Mijn agenda").click()
    page.wait_for_url("**/#widget-agenda")
    agenda = page.locator("#widget-agenda").bounding_box()
    assert agenda and 0 <= agenda["y"] < PHONE["height"] / 2
    assert page.locator("#widget-agenda").get_by_text("Teamoverleg Publiekszaken").is_visible()

    # The browser's start page makes no sense on a phone: the hint is to install the app.
    assert page.get_by_role("heading", name="Zet Plein op je telefoon").is_visible()
    assert not page.locator("#start-hint-heading").is_visible()

    # "Show more posts" goes on with the sixth.
    page.click("#stream-phone-more")
    page.wait_for_url("**/posts/?before=*")
    phone_visitor.check_accessibility()
    first = page.locator(".stream__item").first.inner_text()
    assert f"Bericht {PHONE_POSTS}:" in first


def test_the_start_page_on_a_computer_keeps_its_columns(visitor):  # type: ignore[no-untyped-def]
    anne = _busy_start_page()
    page = visitor.page
    visitor.log_in(anne.email, DEFAULT_PASSWORD)  # type: ignore[attr-defined]
    visitor.visit("/")
    assert not page.get_by_role("navigation", name="Op deze pagina").is_visible()
    posts = page.locator("#widget-stream .stream__item")
    assert all(posts.nth(i).is_visible() for i in range(posts.count()))
    assert not page.locator("#stream-phone-more").is_visible()
    assert page.locator("#start-hint-heading").is_visible()
    assert not page.get_by_role("heading", name="Zet Plein op je telefoon").is_visible()
    agenda = page.locator("#widget-agenda").bounding_box()
    assert agenda and agenda["y"] < DESKTOP["height"]  # beside the stream, in the side column


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_stop_of_the_tour_is_on_the_screen(browser, live_server, axe, size):  # type: ignore[no-untyped-def]
    from .conftest import Visitor

    anne = _busy_start_page()
    phone = size == PHONE
    context = browser.new_context(viewport=size, locale="nl-NL", is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visitor = Visitor(page, live_server.url, axe)
    visitor.visit("/account/login/")
    page.get_by_label("E-mailadres").fill(anne.email)  # type: ignore[attr-defined]
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("#tour[open]")
    stops = 0
    while True:
        stops += 1
        page.wait_for_timeout(50)  # the ring and panel move after scrolling
        for part in (".tour__panel", "#tour-title", "#tour-text", "#tour-next", "#tour-skip"):
            box = page.locator(part).bounding_box()
            assert _inside(box, size), (stops, part, box, page.inner_text("#tour-title"))
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        if stops == 2:
            assert page.locator(".tour-target").count() == 1  # the menu, also on a phone
        if page.inner_text("#tour-next") != "Volgende":
            break
        page.click("#tour-next")
    assert stops >= 6
    visitor.check_accessibility()
    context.close()
