"""Take the README's screenshot of the start page from a running Plein with the demo organisation.

Usage: .venv/bin/python scripts/screenshot.py [BASE_URL] [OUTPUT.png]
"""

import sys

from playwright.sync_api import sync_playwright

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else "docs/start-page.png"

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    page = browser.new_page(viewport={"width": 1200, "height": 820}, locale="nl-NL")
    page.goto(BASE_URL + "/account/login/")
    page.fill("#id_username", "medewerker@example.org")
    page.fill("#id_password", "plein-demo")
    page.click("button[type=submit]")
    page.wait_for_url(BASE_URL + "/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUTPUT)
    browser.close()
print(f"Saved {OUTPUT}")
