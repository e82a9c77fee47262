"""Sending: signed per Standard Webhooks to a receiver on loopback, retried with backoff, and a
webhook that keeps failing is switched off and the administrators are told."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks import Webhook as Verifier

from plein.core.registries.events import POST_CREATED
from plein.people.tests.factories import PersonFactory
from plein.posts.services import post_create
from plein.spaces.tests.factories import MembershipFactory

from .. import services
from ..models import Delivery, Webhook
from .conftest import make_webhook

pytestmark = pytest.mark.django_db


def _post(space, capture, body="Koffie staat klaar in de kantine."):  # type: ignore[no-untyped-def]
    author = PersonFactory()
    MembershipFactory(space=space, person=author)
    with capture(execute=True):
        return post_create(author=author, space=space, body=body)


def test_a_post_in_a_space_reaches_the_receiver_signed(  # type: ignore[no-untyped-def]
    receiver, administrator, open_space, django_capture_on_commit_callbacks, settings
):
    settings.PLEIN_SITE_URL = "https://intranet.example.org"
    receiver.reset(status=200)
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    post = _post(open_space, django_capture_on_commit_callbacks)

    [request] = receiver.requests
    message = Verifier(webhook.secret).verify(request.body, request.headers)
    assert message["type"] == "post.created"
    data = message["data"]
    assert (data["id"], data["excerpt"]) == (post.pk, "Koffie staat klaar in de kantine.")
    assert data["url"] == f"https://intranet.example.org/posts/{post.pk}/"
    assert data["space"]["name"] == open_space.name
    assert data["author"]["name"] == post.author.full_name
    delivery = Delivery.objects.get()
    assert request.headers["webhook-id"] == delivery.message_id
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 200, 1)
    assert delivery.response_excerpt == "ok"
    with pytest.raises(Exception, match="signature"):
        Verifier(services.secret_new()).verify(request.body, request.headers)


def test_a_failing_message_is_retried_after_growing_waits_then_given_up(  # type: ignore[no-untyped-def]
    receiver, administrator, open_space, django_capture_on_commit_callbacks, settings
):
    settings.PLEIN_WEBHOOK_RETRY_DELAYS = [30, 120]
    receiver.reset(status=503)
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    _post(open_space, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, 503)
    first = delivery.last_attempt_at
    assert delivery.next_attempt_at == first + timedelta(seconds=30)

    assert (
        services.delivery_attempt(delivery_id=delivery.pk, now=first + timedelta(seconds=29))
        is None
    )
    second = services.delivery_attempt(delivery_id=delivery.pk, now=first + timedelta(seconds=30))
    assert second is not None and second.attempts == 2
    assert second.next_attempt_at == first + timedelta(seconds=150)
    third = services.delivery_attempt(delivery_id=delivery.pk, now=second.next_attempt_at)
    assert third is not None
    assert (third.status, third.attempts, third.next_attempt_at) == ("failed", 3, None)
    assert len(receiver.requests) == 3
    assert {r.headers["webhook-id"] for r in receiver.requests} == {delivery.message_id}
    webhook.refresh_from_db()
    assert (webhook.is_active, webhook.consecutive_failures) == (True, 1)


def test_failed_messages_in_a_row_switch_the_webhook_off_and_tell_the_administrators(  # type: ignore[no-untyped-def]
    receiver, administrator, open_space, django_capture_on_commit_callbacks, settings
):
    settings.PLEIN_WEBHOOK_RETRY_DELAYS = []
    settings.PLEIN_WEBHOOK_DISABLE_AFTER = 2
    other_administrator = PersonFactory(roles=["administrator"])
    PersonFactory(roles=["editor"])  # not told
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    receiver.reset(status=500)
    _post(open_space, django_capture_on_commit_callbacks)
    webhook.refresh_from_db()
    assert (webhook.is_active, webhook.consecutive_failures, len(mail.outbox)) == (True, 1, 0)

    _post(open_space, django_capture_on_commit_callbacks)
    webhook.refresh_from_db()
    assert (webhook.is_active, webhook.disabled_reason) == (False, Webhook.DisabledReason.FAILURES)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [administrator.email, other_administrator.email]
    )
    assert "Teams-koppeling" in mail.outbox[0].subject
    assert "2 messages in a row" in mail.outbox[0].body
    assert "HTTP 500" in mail.outbox[0].body

    _post(open_space, django_capture_on_commit_callbacks)  # switched off: nothing is sent
    assert (len(receiver.requests), Delivery.objects.count()) == (2, 2)

    services.webhook_enable(webhook=webhook, by=administrator)
    webhook.refresh_from_db()
    assert (webhook.is_active, webhook.consecutive_failures, webhook.disabled_reason) == (
        True,
        0,
        "",
    )


def test_a_delivered_message_resets_the_count_of_failures(  # type: ignore[no-untyped-def]
    receiver, administrator, open_space, django_capture_on_commit_callbacks, settings
):
    settings.PLEIN_WEBHOOK_RETRY_DELAYS = []
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    receiver.reset(status=500)
    _post(open_space, django_capture_on_commit_callbacks)
    receiver.status = 200
    _post(open_space, django_capture_on_commit_callbacks)
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 0


def test_send_again_uses_the_same_message_id(  # type: ignore[no-untyped-def]
    receiver, administrator, open_space, django_capture_on_commit_callbacks, settings
):
    settings.PLEIN_WEBHOOK_RETRY_DELAYS = []
    make_webhook(administrator, receiver.url, [POST_CREATED])
    receiver.reset(status=500)
    _post(open_space, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    receiver.status = 202
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_redeliver(delivery=delivery, by=administrator)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 202, 1)
    first, again = receiver.requests
    assert first.headers["webhook-id"] == again.headers["webhook-id"] == delivery.message_id
    assert json.loads(first.body) == json.loads(again.body)


def test_after_a_new_secret_both_secrets_sign_for_a_day(  # type: ignore[no-untyped-def]
    receiver, administrator, django_capture_on_commit_callbacks
):
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    old = webhook.secret
    webhook = services.webhook_secret_rotate(webhook=webhook, by=administrator)
    assert webhook.secret != old and webhook.secret.startswith("whsec_")
    with django_capture_on_commit_callbacks(execute=True):
        services.webhook_send_test(webhook=webhook, by=administrator)
    [request] = receiver.requests
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (old, webhook.secret):
        assert Verifier(secret).verify(request.body, request.headers)["type"] == "webhook.test"
    later = timezone.now() + timedelta(hours=25)
    assert services.signing_secrets(webhook, later) == [webhook.secret]


def test_redirects_are_not_followed_and_an_unreachable_address_is_a_failure(  # type: ignore[no-untyped-def]
    receiver, administrator, django_capture_on_commit_callbacks
):
    receiver.reset(status=302)
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.webhook_send_test(webhook=webhook, by=administrator)
    moved.refresh_from_db()
    assert (moved.status, moved.response_code) == ("failed", 302)

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    Webhook.objects.filter(pk=webhook.pk).update(url=f"http://127.0.0.1:{port}/hook")
    webhook.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        lost = services.webhook_send_test(webhook=webhook, by=administrator)
    lost.refresh_from_db()
    assert (lost.status, lost.response_code) == ("failed", None)
    assert "refused" in lost.error.lower()


def test_old_deliveries_are_pruned_and_waiting_ones_kept(administrator, receiver):  # type: ignore[no-untyped-def]
    webhook = make_webhook(administrator, receiver.url, [POST_CREATED])
    long_ago = timezone.now() - timedelta(days=31)
    for status in ("succeeded", "failed", "pending"):
        Delivery.objects.create(
            webhook=webhook,
            event_type=POST_CREATED,
            message_id=f"msg_{status}",
            payload={},
            status=status,
            created_at=long_ago,
        )
    Delivery.objects.create(
        webhook=webhook, event_type=POST_CREATED, message_id="msg_new", payload={}
    )
    assert services.deliveries_prune() == 2
    assert set(Delivery.objects.values_list("message_id", flat=True)) == {"msg_pending", "msg_new"}
