"""The provisioning page in Chromium: an administrator finds it in Management and reads the
tenant URL to give Entra ID. axe runs on every page."""

import pytest

from plein.accounts.tokens.services import token_create
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_finds_the_tenant_url(visitor):  # type: ignore[no-untyped-def]
    administrator = PersonFactory(roles=["administrator"])
    token_create(actor=administrator, name="Entra ID", kind="application", scopes=["scim"])
    page = visitor.page
    visitor.log_in(administrator.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.get_by_role("link", name="Automatisch bijhouden van accounts (SCIM)").click()
    page.wait_for_url("**/manage/provisioning/")
    visitor.check_accessibility()
    assert page.locator("code", has_text="/scim/v2/").is_visible()
    assert page.get_by_role("cell", name="Entra ID").is_visible()
