"""Two-factor authentication in Chromium: an administrator's first password login leads to the
set-up (QR code and key), a code from the app turns it on and shows the recovery codes; the next
password login asks for a code after the password, and a recovery code lets them in. axe (and
the 375 px width check) runs on every page."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from plein.accounts.twofactor import services
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def password_login(visitor, email: str) -> None:  # type: ignore[no-untyped-def]
    visitor.visit("/account/login/")
    visitor.page.locator("#id_username").fill(email)
    visitor.page.locator("#id_password").fill(DEFAULT_PASSWORD)
    visitor.page.get_by_role("button", name="Inloggen").click()


def test_an_administrator_sets_up_two_factor_and_logs_in_with_a_code(visitor, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_2FA_REQUIRED_ROLES = ["administrator"]
    admin = PersonFactory(roles=["administrator"])
    page = visitor.page
    password_login(visitor, admin.email)
    page.wait_for_url("**/account/two-factor/set-up/**")
    visitor.check_accessibility()
    assert page.locator(".twofactor-qr svg").is_visible()
    secret = b32decode(page.locator("#twofactor-secret").inner_text().replace(" ", ""))
    page.locator("#id_code").fill(f"{totp(secret):06d}")
    page.locator("#twofactor-submit").click()
    page.locator("#recovery-codes").wait_for()
    visitor.check_accessibility()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.locator("#twofactor-done").click()
    page.wait_for_url(visitor.url("/"))
    visitor.skip_tour()

    page.context.clear_cookies()
    password_login(visitor, admin.email)
    page.wait_for_url("**/account/two-factor/code/**")
    visitor.check_accessibility()
    page.locator("#id_code").fill("000000" if totp(secret) else "111111")
    page.locator("#twofactor-submit").click()
    page.locator("#twofactor-tries").wait_for()
    visitor.check_accessibility()
    page.locator("#id_code").fill(codes[0])
    page.locator("#twofactor-submit").click()
    page.wait_for_url(visitor.url("/"))
    visitor.visit("/account/two-factor/")
    assert services.recovery_codes_left(admin) == 9
    assert " 9 " in page.locator("main").inner_text()
