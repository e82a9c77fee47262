"""Onboarding in Chromium: the guided tour of the start page with the keyboard, the first-steps
list on the start page and the checklist page, and the installable app; axe-core on each page,
with the tour open too."""

import json

import pytest

from plein.onboarding.models import OnboardingState
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IN_DIALOG = "document.getElementById('tour').contains(document.activeElement)"


def _log_in(visitor, email: str) -> None:  # type: ignore[no-untyped-def]
    """Log in as the visitor's log_in() does, but keep the tour (log_in() ends it, for tests of
    other things)."""
    page = visitor.page
    visitor.visit("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.url("/"))


def _finished(person) -> bool:  # type: ignore[no-untyped-def]
    return OnboardingState.objects.filter(person=person, tour_finished_at__isnull=False).exists()


def test_the_tour_with_the_keyboard_then_the_checklist(visitor):  # type: ignore[no-untyped-def]
    anne = PersonFactory(email="anne@example.org")
    page = visitor.page
    _log_in(visitor, anne.email)

    # A first-time visitor gets the tour, as a modal dialog with focus inside.
    page.wait_for_selector("#tour[open]")
    visitor.check_accessibility()
    assert page.evaluate(IN_DIALOG)
    assert page.evaluate("document.activeElement.id") == "tour-next"
    assert page.get_attribute("#tour", "aria-modal") == "true"
    first = page.inner_text("#tour-title")
    count = page.inner_text("#tour-count")
    assert count.startswith(("Step 1 of", "Stap 1 van"))
    assert page.is_disabled("#tour-back")

    # Next moves on and outlines the part of the page the stop is about.
    page.keyboard.press("Enter")
    assert page.inner_text("#tour-title") != first
    assert page.locator(".tour-target").count() == 1
    ring = page.locator(".tour__ring").bounding_box()
    target = page.locator(".tour-target").bounding_box()
    assert ring and target
    assert ring["x"] <= target["x"] and ring["y"] <= target["y"]
    assert ring["x"] + ring["width"] >= target["x"] + target["width"]
    visitor.check_accessibility()

    # Tab and Shift+Tab stay in the dialog; Back goes back.
    for _n in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate(IN_DIALOG)
    page.focus("#tour-back")
    page.keyboard.press("Enter")
    assert page.inner_text("#tour-title") == first
    assert page.evaluate(IN_DIALOG)  # Back is disabled on the first stop; focus moved on

    # Escape ends it, tells the server, and puts focus back on the page.
    with page.expect_response("**/getting-started/tour/done/") as done:
        page.keyboard.press("Escape")
    assert done.value.status == 204
    assert page.locator("#tour[open]").count() == 0
    assert page.locator(".tour-target").count() == 0
    assert page.evaluate("document.activeElement.id") == "first-steps-heading"
    assert _finished(anne)
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#tour[open]").count() == 0

    # The first steps on the start page: tick one off with htmx.
    assert "0 van 7" in page.inner_text("#first-steps") or "0 of 7" in page.inner_text(
        "#first-steps"
    )
    page.click("#first-steps [data-step='start_page'] button")
    visitor.wait_until(
        "/1 (of|van) 7/.test(document.querySelector('#first-steps-progress').textContent)"
    )
    visitor.wait_until("document.activeElement.id === 'first-steps-progress'")
    assert OnboardingState.objects.get(person=anne).confirmed_steps == ["start_page"]

    # The checklist page: every step explained, the progress, hide the list from the start page.
    visitor.visit("/getting-started/")
    assert page.locator(".checklist-step").count() == 7
    assert page.locator(".checklist-step--done").count() == 1
    page.click("#checklist-dismiss")
    page.wait_for_selector("#checklist-restore")
    visitor.check_accessibility()
    visitor.visit("/")
    assert page.locator("#first-steps").count() == 0

    # The tour again, on request; "Skip tour" ends it as well.
    visitor.visit("/getting-started/")
    page.click("#take-tour")
    page.wait_for_selector("#tour[open]")
    assert "tour=1" in page.url
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    with page.expect_response("**/getting-started/tour/done/"):
        page.click("#tour-skip")
    assert page.locator("#tour[open]").count() == 0
    assert "tour=1" not in page.url  # a reload does not start it again


def test_the_tour_on_a_phone_and_the_installable_app(phone_visitor):  # type: ignore[no-untyped-def]
    bram = PersonFactory(email="bram@example.org")
    page = phone_visitor.page
    _log_in(phone_visitor, bram.email)
    page.wait_for_selector("#tour[open]")
    phone_visitor.check_accessibility()
    assert not _finished(bram)
    # Parts hidden on a phone are left out; the panel sits inside the screen.
    panel = page.locator(".tour__panel").bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 375
    while page.inner_text("#tour-next") in ("Next", "Volgende"):
        page.click("#tour-next")
    with page.expect_response("**/getting-started/tour/done/"):
        page.click("#tour-next")  # "Finish"
    assert page.locator("#tour[open]").count() == 0
    assert _finished(bram)

    # The manifest the page links to, with its icons.
    href = page.get_attribute("link[rel=manifest]", "href")
    manifest = page.request.get(phone_visitor.url(href))
    assert manifest.ok
    data = json.loads(manifest.text())
    assert data["display"] == "standalone" and data["name"] == "Plein"
    icon = page.request.get(phone_visitor.url(data["icons"][0]["src"]))
    assert icon.headers["content-type"] == "image/png"
    # The service worker registers (localhost counts as a secure origin).
    phone_visitor.wait_until(
        "navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.active))"
    )
    # The page the service worker shows without a connection.
    phone_visitor.visit("/getting-started/app/offline/")
    assert page.locator("h1").count() == 1
