"""Access tokens in Chromium: a person makes a token, copies it from the page that shows it once
and revokes it after confirming; an administrator opens the tokens in Management and the form for
an application token. axe runs on every page, which is also measured at 375 px wide."""

import pytest

from plein.accounts.tokens.models import AccessToken
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_makes_copies_and_revokes_a_token(visitor):  # type: ignore[no-untyped-def]
    person = PersonFactory(roles=["administrator"])
    page = visitor.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visitor.log_in(person.email, DEFAULT_PASSWORD)
    visitor.visit("/account/tokens/")

    page.locator("#id_name").fill("Rapportscript")
    page.locator("input[name=scopes][value=read]").check()
    page.locator("#token-form button[type=submit]").click()
    page.wait_for_url("**/account/tokens/")
    visitor.check_accessibility()
    raw = page.locator("#new-token").input_value()
    token = AccessToken.objects.get()
    assert raw.startswith(token.prefix + "_") and token.person == person
    page.locator("#copy-token").click()  # shown by tokens.js; hidden without JavaScript
    visitor.wait_until("document.getElementById('copy-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == raw

    page.locator("a.button--secondary", has_text="terug naar de tokens").click()
    page.wait_for_url("**/account/tokens/")
    assert raw not in page.content()
    page.locator(f"#token-{token.pk} a", has_text="Intrekken").click()
    page.wait_for_url(f"**/account/tokens/{token.pk}/revoke/")
    visitor.check_accessibility()
    page.locator("form button.button--danger").click()
    page.wait_for_url("**/account/tokens/")
    token.refresh_from_db()
    assert token.revoked_at is not None

    visitor.visit("/manage/tokens/?kind=personal")
    assert page.locator(f"#token-{token.pk}").is_visible()
    visitor.visit("/manage/tokens/new/")
