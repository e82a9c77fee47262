"""Webhooks in Chromium: an administrator finds them under Management, registers one (a
mistake first: the form keeps what was typed), reads its secret, sends a test message to a
receiver on loopback and sees the delivery. axe runs on every page."""

import pytest
from standardwebhooks import Webhook as Verifier

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.webhooks.models import Webhook
from plein.webhooks.tests.conftest import _server, receiver  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_registers_a_webhook_and_sends_a_test(visitor, receiver):  # type: ignore[no-untyped-def]  # noqa: F811
    administrator = PersonFactory(roles=["administrator"])
    page = visitor.page
    visitor.log_in(administrator.email, DEFAULT_PASSWORD)
    visitor.visit("/manage/")
    page.locator('a[href="/manage/webhooks/"]').click()
    page.wait_for_url("**/manage/webhooks/")
    visitor.check_accessibility()

    page.locator("#webhook-add").click()
    page.wait_for_url("**/manage/webhooks/add/")
    visitor.check_accessibility()
    page.locator("#id_name").fill("Teams-kanaal")
    page.locator("#id_url").fill(receiver.url)
    page.locator("#webhook-form-save").click()
    page.locator(".field--error").first.wait_for()
    assert page.locator("#id_name").input_value() == "Teams-kanaal"
    visitor.check_accessibility()
    page.locator('input[name="events"][value="post.created"]').check()
    page.locator('input[name="events"][value="person.joined"]').check()
    page.locator("#webhook-form-save").click()
    page.locator("#webhook-secret").wait_for()
    webhook = Webhook.objects.get()
    assert webhook.events == ["post.created", "person.joined"]
    visitor.check_accessibility()

    page.locator("#webhook-secret summary").click()
    assert page.locator("#webhook-secret code").inner_text() == webhook.secret
    page.locator("#webhook-test").click()
    page.locator("#webhook-deliveries").wait_for()
    visitor.check_accessibility()
    [request] = receiver.requests
    assert Verifier(webhook.secret).verify(request.body, request.headers)["type"] == "webhook.test"
    row = page.locator("#webhook-deliveries tbody tr").first
    assert row.locator(".delivery-code").inner_text() == "204"
