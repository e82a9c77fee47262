"""The Management pages of webhooks: only administrators; forms keep what was typed; the
buttons of a webhook's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plein.core.registries.events import NEWS_PUBLISHED, POST_CREATED
from plein.people.tests.factories import PersonFactory

from ..models import Delivery, Webhook
from .conftest import make_webhook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("roles", [[], ["editor"], ["community_manager"]])
def test_only_administrators_reach_the_webhook_pages(client, administrator, roles):  # type: ignore[no-untyped-def]
    webhook = make_webhook(administrator, "https://example.org/hook", [POST_CREATED])
    client.force_login(PersonFactory(roles=roles))
    for url in (
        reverse("manage:webhooks"),
        reverse("manage:webhook_add"),
        reverse("manage:webhook", args=[webhook.pk]),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("manage:webhook_action", args=[webhook.pk, "rotate"])).status_code
        == 403
    )
    assert b"/manage/webhooks/" not in client.get(reverse("core:manage")).content


def test_an_administrator_registers_a_webhook_and_a_mistake_keeps_the_input(client, administrator):  # type: ignore[no-untyped-def]
    client.force_login(administrator)
    assert b"/manage/webhooks/" in client.get(reverse("core:manage")).content
    url = reverse("manage:webhook_add")
    wrong = client.post(url, {"name": "Teams", "url": "ftp://example.org/x", "unanswered_days": 3})
    assert wrong.status_code == 400
    assert b'value="Teams"' in wrong.content
    assert b"Choose at least one event." in wrong.content
    assert not Webhook.objects.exists()

    response = client.post(
        url,
        {
            "name": "Teams",
            "url": "https://hooks.example.org/plein",
            "events": [POST_CREATED, NEWS_PUBLISHED],
            "unanswered_days": 3,
        },
    )
    webhook = Webhook.objects.get()
    assert response.status_code == 302 and response["Location"] == webhook.get_absolute_url()
    assert (webhook.owner, webhook.events) == (administrator, [POST_CREATED, NEWS_PUBLISHED])
    assert webhook.secret.startswith("whsec_")
    page = client.get(webhook.get_absolute_url())
    assert webhook.secret.encode() in page.content
    listing = client.get(reverse("manage:webhooks")).content.decode()
    assert "Teams" in listing and "A post in a space, News published" in listing


def test_the_buttons_of_a_webhook(
    client, administrator, receiver, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    client.force_login(administrator)
    action = lambda name: reverse("manage:webhook_action", args=[webhook.pk, name])  # noqa: E731
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action("test"))
    delivery = Delivery.objects.get()
    assert delivery.status == "succeeded" and len(receiver.requests) == 1
    page = client.get(webhook.get_absolute_url()).content.decode()
    assert "webhook.test" in page and delivery.message_id in page

    old = webhook.secret
    client.post(action("rotate"))
    client.post(action("disable"))
    webhook.refresh_from_db()
    assert webhook.secret != old and not webhook.is_active
    assert "This webhook is switched off" in client.get(webhook.get_absolute_url()).content.decode()
    client.post(action("enable"))
    webhook.refresh_from_db()
    assert webhook.is_active
    assert client.post(action("unknown")).status_code == 404
    client.post(reverse("manage:webhook_delete", args=[webhook.pk]))
    assert not Webhook.objects.exists()


def test_only_the_owner_reads_the_messages_on_the_page(client, administrator, receiver):  # type: ignore[no-untyped-def]
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    Delivery.objects.create(
        webhook=webhook,
        event_type=POST_CREATED,
        message_id="msg_1",
        payload={"type": POST_CREATED, "data": {"excerpt": "Alleen voor het managementteam"}},
        status="succeeded",
    )
    client.force_login(administrator)
    response = client.get(webhook.get_absolute_url())
    assert "Alleen voor het managementteam" in response.content.decode()
    assert "no-store" in response["Cache-Control"]  # it shows the secret
    client.force_login(PersonFactory(roles=["administrator"]))
    other = client.get(webhook.get_absolute_url()).content.decode()
    assert "msg_1" in other and "Alleen voor het managementteam" not in other
