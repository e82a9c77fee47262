"""Browser tests: Playwright for Python driving Debian's Chromium against a live Plein.

Every page a test visits goes through `visit()`, which runs axe-core on it and fails the test on
any serious or critical violation. Set PLEIN_REQUIRE_BROWSER=1 (CI does) to turn a missing
Chromium into a failure instead of a skip.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made from the
# test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PLEIN_CHROMIUM", "/usr/bin/chromium")
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not _chromium_available():
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
        if os.environ.get("PLEIN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


# The page's width, and the outermost elements whose right edge lies past the screen's (with
# their width), widest first: what to look at when a page scrolls sideways.
_MEASURE_WIDTH = """async (limit) => {
  // After a resize: measure once the page is laid out at the new width (two frames later).
  for (let i = 0; i < 20 && window.innerWidth !== limit; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const width = document.documentElement.scrollWidth;
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right <= limit + 0.5 || box.width === 0) continue;
    // Left out: what lies inside one already listed, or inside a box that scrolls or clips it
    // (only a box in its chain of containing blocks does: an absolutely positioned element
    // escapes a scrolling box that is not positioned, and then widens the page).
    let position = getComputedStyle(el).position, parent = el.parentElement, nested = false;
    while (parent && parent !== document.body && position !== "fixed") {
      const style = getComputedStyle(parent);
      if (found.some((f) => f.el === parent)) { nested = true; break; }
      if (position !== "absolute" || style.position !== "static") {
        if (style.overflowX !== "visible") { nested = true; break; }
        position = style.position;
      }
      parent = parent.parentElement;
    }
    if (nested) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    found.push({el, text: `${name} (right edge ${Math.round(box.right)} px, ` +
      `${Math.round(box.width)} px wide)`, right: box.right});
  }
  found.sort((a, b) => b.right - a.right);
  return [width, found.slice(0, 8).map((f) => f.text)];
}"""


class Visitor:
    """Opens pages on the live server and checks each one with axe-core."""

    def __init__(self, page: Page, base_url: str, axe: Axe) -> None:
        self.page = page
        self.base_url = base_url
        self.axe = axe
        self.checked: list[str] = []
        # Requests under way, to know when a page has settled (see settle()).
        self.in_flight: set[object] = set()
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))
        page.on("framenavigated", lambda frame: frame.parent_frame or self.in_flight.clear())
        # The pages run under Plein's Content-Security-Policy; Chromium reports every refused
        # script, style, frame or eval on the console, and any such report fails the test.
        self.csp_violations: list[str] = []
        page.on("console", self._note_csp_violation)

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str) -> Page:
        self.page.goto(self.url(path))
        self.check_accessibility()
        return self.page

    def _note_csp_violation(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def check_csp(self) -> None:
        """Fails on any Content-Security-Policy violation seen since the test began."""
        assert not self.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
            f"- {v}" for v in self.csp_violations
        )

    def wait_until(self, expression: str, timeout: float = 15) -> None:
        """Waits until the JavaScript expression is true. Playwright's page.wait_for_function
        runs its text with eval() inside the page, which the Content-Security-Policy refuses;
        page.evaluate goes through the DevTools protocol, outside the page's policy."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for: {expression}"
            self.page.wait_for_timeout(50)

    def settle(self) -> None:
        """Wait until the page has loaded and no request of it has been under way for two
        looks 50 ms apart. Playwright's "networkidle" waits a fixed 500 ms instead, which was a
        third of the browser tests' time; Plein's pages load nothing later on their own (htmx
        asks only when the person acts), so a short quiet spell is enough."""
        self.page.wait_for_load_state("load")
        quiet, deadline = 0, time.monotonic() + 10
        while quiet < 2 and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)  # lets Playwright deliver the request events
            quiet = quiet + 1 if not self.in_flight else 0

    def check_accessibility(self) -> None:
        self.settle()
        results = self.axe.run(self.page)
        blocking = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS
        ]
        self.checked.append(self.page.url)
        self.check_csp()
        self.check_phone_width()
        assert not blocking, (
            f"axe-core found serious/critical violations on {self.page.url}:\n"
            + "\n".join(
                f"- {v['id']} ({v['impact']}): {v['help']} — "
                + "; ".join(str(n.get("target")) for n in v["nodes"][:5])
                for v in blocking
            )
        )

    def check_phone_width(self) -> None:
        """No page scrolls sideways on a phone: at 375 px wide the document is at most 375 px
        wide. A desktop page is narrowed for the measurement and then restored."""
        viewport = self.page.viewport_size
        narrowed = viewport is not None and viewport["width"] != PHONE["width"]
        if narrowed:
            self.page.set_viewport_size(PHONE)
        try:
            width, offenders = self.page.evaluate(_MEASURE_WIDTH, PHONE["width"])
        finally:
            if narrowed and viewport is not None:
                self.page.set_viewport_size(viewport)
        assert width <= PHONE["width"], (
            f"{self.page.url} is {width} px wide at a {PHONE['width']} px wide screen "
            "(it scrolls sideways); widest elements reaching past the edge:\n"
            + "\n".join(f"- {o}" for o in offenders)
        )

    def log_in(self, email: str, password: str) -> None:
        self.visit("/account/login/")
        self.page.get_by_label("E-mailadres").fill(email)
        self.page.get_by_label("Wachtwoord").fill(password)
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_url(self.url("/"))
        self.skip_tour()

    def skip_tour(self) -> None:
        """A person's first start page opens the guided tour (plein.onboarding); tests of other
        things end it as a person would, with Escape, and wait until the server knows."""
        if self.page.locator("#tour[open]").count():
            with self.page.expect_response("**/getting-started/tour/done/"):
                self.page.keyboard.press("Escape")


@pytest.fixture
def visitor(browser: Browser, live_server, axe: Axe) -> Iterator[Visitor]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visitor(page, live_server.url, axe)
    context.close()


@pytest.fixture
def phone_visitor(browser: Browser, live_server, axe: Axe) -> Iterator[Visitor]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visitor(page, live_server.url, axe)
    context.close()
