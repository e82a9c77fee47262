"""Spaces in Chromium: create one, join an open one, ask to join a closed one and be let in."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.spaces.models import Membership
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_join_and_ask_to_join(visitor):  # type: ignore[no-untyped-def]
    anne = PersonFactory(email="anne@example.org")
    moderator = PersonFactory(email="moderator@example.org")
    open_space = SpaceFactory(name="Hardloopclub", slug="hardloopclub", kind="open")
    closed = SpaceFactory(name="Projectteam", slug="projectteam", kind="closed")
    MembershipFactory(space=closed, person=moderator, role="owner")
    page = visitor.page

    visitor.log_in(anne.email, DEFAULT_PASSWORD)
    visitor.visit("/spaces/")
    page.click("#space-create")
    visitor.check_accessibility()
    page.fill("#id_name", "Fotografie")
    page.fill("#id_description", "Foto's delen")
    page.click("#space-save")
    page.wait_for_url(visitor.url("/spaces/fotografie/"))
    visitor.check_accessibility()

    visitor.visit(f"/spaces/{open_space.slug}/")
    page.click("#space-join")
    page.wait_for_selector("#space-leave")
    visitor.check_accessibility()

    visitor.visit(f"/spaces/{closed.slug}/")
    page.click("#space-ask")
    page.wait_for_selector("#space-requested")
    visitor.check_accessibility()

    visitor.visit("/spaces/?tab=mine")
    page.context.clear_cookies()
    visitor.log_in(moderator.email, DEFAULT_PASSWORD)
    visitor.visit(f"/spaces/{closed.slug}/members/")
    page.click(f"#accept-{anne.pk}")
    page.wait_for_selector("#space-members")
    visitor.check_accessibility()
    assert Membership.objects.get(space=closed, person=anne).state == "member"
    assert Membership.objects.get(space=open_space, person=anne).state == "member"


def test_invite_with_the_picker_keyboard_only(visitor):  # type: ignore[no-untyped-def]
    """Type part of a name, choose with the arrow keys and Enter, send: the colleague is
    invited. The open list passes axe; with the list closed Escape empties the box."""
    owner = PersonFactory(email="owner@example.org")
    guest = PersonFactory(first_name="Quirijn", last_name="Zandvoort", email="quirijn@example.org")
    PersonFactory(first_name="Quinten", last_name="Zandvoort", email="quinten@example.org")
    space = SpaceFactory(name="Geheim project", slug="geheim-project", kind="secret")
    MembershipFactory(space=space, person=owner, role="owner")
    page = visitor.page

    visitor.log_in(owner.email, DEFAULT_PASSWORD)
    visitor.visit(f"/spaces/{space.slug}/members/")
    box = page.locator("#id_email")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("zandv", delay=30)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.wait_for()
    assert listbox.get_attribute("role") == "listbox"
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").count() == 2
    visitor.check_accessibility()

    box.press("ArrowDown")
    first = listbox.get_by_role("option").nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    if "Quirijn" not in first.inner_text():
        box.press("ArrowDown")
    active = page.locator(f"#{box.get_attribute('aria-activedescendant')}")
    assert "Quirijn Zandvoort" in active.inner_text()
    assert active.get_attribute("aria-selected") == "true"
    box.press("Enter")
    assert box.input_value() == "Quirijn Zandvoort <quirijn@example.org>"
    assert box.get_attribute("aria-expanded") == "false"
    assert page.url.endswith("/members/")  # choosing did not send the form

    box.press("Enter")  # now it sends
    page.wait_for_selector(".messages, [role=status]")
    visitor.check_accessibility()
    assert Membership.objects.get(space=space, person=guest).state == "invited"
    assert "Quirijn Zandvoort" in page.locator("#invite-heading + form ~ ul").inner_text()


def test_the_invite_field_works_without_javascript(browser, live_server):  # type: ignore[no-untyped-def]
    """Without JavaScript the picker is a plain field that takes an e-mail address and says
    clearly what it needs. (axe-core needs JavaScript: the page is checked in the test above.)"""
    from tests.browser.conftest import DESKTOP

    owner = PersonFactory(email="owner@example.org")
    guest = PersonFactory(email="gast@example.org")
    space = SpaceFactory(name="Geheim project", slug="geheim-project", kind="secret")
    MembershipFactory(space=space, person=owner, role="owner")
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/account/login/")
        page.get_by_label("E-mailadres").fill(owner.email)
        page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(live_server.url + f"/spaces/{space.slug}/members/")
        assert page.locator("#id_email").get_attribute("role") is None
        page.fill("#id_email", "Iemand")
        page.get_by_role("button", name="Uitnodigen").click()
        assert "Typ een naam en kies een collega uit de lijst" in page.content()
        assert page.locator("#id_email").input_value() == "Iemand"
        page.fill("#id_email", guest.email)
        page.get_by_role("button", name="Uitnodigen").click()
        page.wait_for_selector(".messages")
        assert Membership.objects.get(space=space, person=guest).state == "invited"
    finally:
        context.close()
