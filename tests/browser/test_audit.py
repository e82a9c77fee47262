"""The audit log in Chromium: an administrator opens it from Management, filters it down to
lockouts, and downloads what the filter shows as CSV. axe runs on every page."""

import pytest

from plein.accounts.services import person_set_roles
from plein.core import audit
from plein.core.audit.models import AuditEntry
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_filters_and_exports_the_audit_log(visitor):  # type: ignore[no-untyped-def]
    administrator = PersonFactory(roles=["administrator"])
    person_set_roles(person=PersonFactory(), roles={"editor"}, actor=administrator)
    audit.record(action=audit.LOCKED_OUT, target_label="onbekend@example.org")
    page = visitor.page
    visitor.log_in(administrator.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.locator('a[href="/manage/audit/"]').click()
    page.wait_for_url("**/manage/audit/")
    visitor.check_accessibility()
    rows = page.locator("table tbody tr")
    assert rows.count() == 2

    page.locator("select[name=group]").select_option("security")
    page.locator('form[action="/manage/audit/"] button[type=submit]').click()
    page.wait_for_url("**/manage/audit/?group=security*")
    visitor.check_accessibility()
    assert rows.count() == 1
    assert "onbekend@example.org" in rows.first.inner_text()

    with page.expect_download() as download_info:
        page.locator('a[href="/manage/audit/export/?group=security"]').click()
    text = open(download_info.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert "accounts.locked_out" in text and "people.role_changed" not in text
    exported = AuditEntry.objects.filter(action=audit.AUDIT_EXPORTED.code)
    assert exported.get().actor == administrator
