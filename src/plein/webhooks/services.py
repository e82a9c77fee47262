"""Every change to webhooks and their deliveries goes through here.

A webhook hears about events through plein.core.registries.events (`events_receive`, run in
the background by tasks.events_receive); for each active webhook that chose the kind, the
payload is built as its owner may see it (payloads.KINDS) and stored as a Delivery, which is
sent by tasks.deliver, one attempt per task. A failed attempt is tried again after the waits of
PLEIN_WEBHOOK_RETRY_DELAYS; a message that fails every attempt counts as a failure of the
webhook, and after PLEIN_WEBHOOK_DISABLE_AFTER failures in a row the webhook is switched off and
the administrators get an e-mail.
"""

from __future__ import annotations

import base64
import logging
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core import audit
from plein.core.permissions import require
from plein.core.registries.events import Event
from plein.people.models import Person
from plein.posts.models import Post
from plein.spaces.models import Space

from . import notify, payloads, sending, tasks
from .models import Delivery, Webhook
from .permissions import can_manage_webhooks

logger = logging.getLogger(__name__)

TEST_EVENT = "webhook.test"
CLAIM_SECONDS = 120  # longer than an attempt can take
ROTATION_GRACE = timedelta(hours=24)  # the previous secret still signs this long


def secret_new() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _clean(*, name: str, url: str, events: Sequence[str], unanswered_days: int) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = _("Give the webhook a name.")
    if not url.lower().startswith(("http://", "https://")):
        errors["url"] = _("Enter an address that starts with https:// (or http://).")
    chosen = [key for key in payloads.KINDS if key in set(events)]
    if not chosen or len(chosen) != len(set(events)):
        errors["events"] = _("Choose at least one event.")
    if not 1 <= unanswered_days <= 365:
        errors["unanswered_days"] = _("Choose a number of days from 1 to 365.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "url": url, "events": chosen, "unanswered_days": unanswered_days}


@transaction.atomic
def webhook_create(
    *,
    by: Person,
    name: str,
    url: str,
    events: Sequence[str],
    unanswered_days: int = 3,
    space: Space | None = None,
) -> Webhook:
    """Register a webhook; `by` becomes its owner: it carries only what they may see."""
    require(can_manage_webhooks(by))
    fields = _clean(name=name, url=url, events=events, unanswered_days=unanswered_days)
    webhook = Webhook.objects.create(owner=by, space=space, secret=secret_new(), **fields)
    _audit(audit.WEBHOOK_CREATED, webhook, by)
    return webhook


def _audit(action: audit.Action, webhook: Webhook, by: Person) -> None:
    # The address's host only: a path or query may carry a key of the receiver's.
    details = {"host": urlsplit(webhook.url).hostname or "", "events": list(webhook.events)}
    audit.record(
        action=action, actor=by, target=webhook, target_label=webhook.name, details=details
    )


@transaction.atomic
def webhook_update(
    *,
    webhook: Webhook,
    by: Person,
    name: str,
    url: str,
    events: Sequence[str],
    unanswered_days: int = 3,
    space: Space | None = None,
) -> Webhook:
    require(can_manage_webhooks(by))
    fields = _clean(name=name, url=url, events=events, unanswered_days=unanswered_days)
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    for field, value in fields.items():
        setattr(webhook, field, value)
    webhook.space = space
    webhook.save()
    _audit(audit.WEBHOOK_CHANGED, webhook, by)
    return webhook


@transaction.atomic
def webhook_delete(*, webhook: Webhook, by: Person) -> None:
    require(can_manage_webhooks(by))
    _audit(audit.WEBHOOK_DELETED, webhook, by)
    webhook.delete()  # its deliveries go with it


@transaction.atomic
def webhook_secret_rotate(*, webhook: Webhook, by: Person) -> Webhook:
    """A new secret; the old one signs too for ROTATION_GRACE, while the receiver switches."""
    require(can_manage_webhooks(by))
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    webhook.previous_secret = webhook.secret
    webhook.previous_secret_until = timezone.now() + ROTATION_GRACE
    webhook.secret = secret_new()
    webhook.save()
    _audit(audit.WEBHOOK_SECRET_ROTATED, webhook, by)
    return webhook


@transaction.atomic
def webhook_enable(*, webhook: Webhook, by: Person) -> Webhook:
    """Switch a webhook back on (after its address was repaired); failures count from zero."""
    require(can_manage_webhooks(by))
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    webhook.is_active = True
    webhook.disabled_at, webhook.disabled_reason = None, ""
    webhook.consecutive_failures = 0
    webhook.save()
    _audit(audit.WEBHOOK_CHANGED, webhook, by)
    return webhook


@transaction.atomic
def webhook_disable(*, webhook: Webhook, by: Person) -> Webhook:
    require(can_manage_webhooks(by))
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if webhook.is_active:
        _switch_off(webhook, Webhook.DisabledReason.BY_HAND)
        _audit(audit.WEBHOOK_CHANGED, webhook, by)
    return webhook


def signing_secrets(webhook: Webhook, now: datetime) -> list[str]:
    rotating = webhook.previous_secret_until and webhook.previous_secret_until > now
    return [webhook.secret, webhook.previous_secret] if rotating else [webhook.secret]


# --- Deliveries ---------------------------------------------------------------------------


def _delivery_add(
    webhook: Webhook, event_type: str, data: dict[str, Any], key: str
) -> Delivery | None:
    now = timezone.now()
    payload = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                webhook=webhook,
                event_type=event_type,
                event_key=key,
                message_id=f"msg_{uuid.uuid4().hex}",
                payload=payload,
                next_attempt_at=now,
            )
    except IntegrityError:  # sent once already (an event that happens once per object)
        return None


def _send(ids: list[int]) -> None:
    for pk in ids:
        tasks.deliver_enqueue(pk)


def _queue(deliveries: Sequence[Delivery]) -> None:
    """Send these messages once the transaction commits (each attempt is a task)."""
    if deliveries:
        transaction.on_commit(partial(_send, [delivery.pk for delivery in deliveries]))


def _subscribers(kind: str) -> list[Webhook]:
    """The switched-on webhooks that chose this kind and whose owner is still an active
    administrator (a webhook of someone who left or lost the role sends nothing)."""
    # JSON containment is not portable to SQLite; the few webhooks are filtered here.
    webhooks = Webhook.objects.filter(is_active=True).select_related("owner")
    return [w for w in webhooks if kind in w.events and can_manage_webhooks(w.owner)]


def deliveries_for(*, webhook: Webhook, kind_key: str, object_id: int) -> Delivery | None:
    """The message about one object for one webhook, as its owner may see it (None: not sent)."""
    kind = payloads.KINDS[kind_key]
    data = kind.build(webhook.owner, object_id)
    if data is None:
        return None
    narrowed = webhook.space_id is not None and kind.in_spaces
    if narrowed and payloads.space_of(kind, data) != webhook.space_id:
        return None
    key = f"{kind_key}:{object_id}" if kind.once else ""
    return _delivery_add(webhook, kind_key, data, key)


@transaction.atomic
def events_receive(*, events: Sequence[Event]) -> list[Delivery]:
    """Store the messages these events make for every webhook that chose them, and queue them."""
    created = []
    for event in events:
        if event.kind not in payloads.KINDS:
            continue
        for webhook in _subscribers(event.kind):
            delivery = deliveries_for(
                webhook=webhook, kind_key=event.kind, object_id=event.object_id
            )
            if delivery is not None:
                created.append(delivery)
    _queue(created)
    return created


@transaction.atomic
def webhook_send_test(*, webhook: Webhook, by: Person) -> Delivery:
    """A test message, sent once (also to a switched-off webhook, to see whether it answers)."""
    require(can_manage_webhooks(by))
    data = {
        "webhook": {"id": webhook.pk, "name": webhook.name},
        "sent_by": {"id": by.pk, "name": by.full_name},
        "message": "A test message from Plein.",
    }
    delivery = _delivery_add(webhook, TEST_EVENT, data, "")
    assert delivery is not None
    _queue([delivery])
    return delivery


@transaction.atomic
def delivery_redeliver(*, delivery: Delivery, by: Person) -> Delivery:
    """Send a message again, with the same id (so the receiver can tell), its attempts anew."""
    require(can_manage_webhooks(by))
    delivery = Delivery.objects.select_for_update().select_related("webhook").get(pk=delivery.pk)
    if delivery.status == Delivery.Status.PENDING:
        raise ValidationError(_("This message is still being sent."))
    if not delivery.webhook.is_active and delivery.event_type != TEST_EVENT:
        raise ValidationError(_("Switch the webhook on first."))
    delivery.status = Delivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    _queue([delivery])
    return delivery


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the message for this attempt, unless it is not due or another worker has it."""
    return bool(
        Delivery.objects.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            pk=delivery_id,
            status=Delivery.Status.PENDING,
            next_attempt_at__lte=now,
        ).update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Send the message once, if it is due; record the answer and plan what follows.

    Returns the delivery after the attempt, None when there was nothing to send. The HTTP call
    runs outside any transaction (it may take PLEIN_WEBHOOK_TIMEOUT seconds)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    webhook = delivery.webhook
    if not webhook.is_active and delivery.event_type != TEST_EVENT:
        delivery.status, delivery.error = Delivery.Status.FAILED, "The webhook is switched off."
        delivery.claimed_until = None
        delivery.save(update_fields=["status", "error", "claimed_until"])
        return delivery
    body = sending.body_of(delivery.payload)
    headers = sending.signed_headers(
        message_id=delivery.message_id, at=now, body=body, secrets=signing_secrets(webhook, now)
    )
    outcome = sending.post(webhook.url, body=body, headers=headers)
    return _record(delivery, outcome, now)


def _retry_delays() -> list[int]:
    return list(settings.PLEIN_WEBHOOK_RETRY_DELAYS)


@transaction.atomic
def _record(delivery: Delivery, outcome: sending.Outcome, now: datetime) -> Delivery:
    delivery.attempts = F("attempts") + 1
    delivery.last_attempt_at, delivery.claimed_until = now, None
    delivery.response_code, delivery.response_excerpt = outcome.status, outcome.excerpt
    delivery.error = outcome.error
    delivery.save()
    delivery.refresh_from_db()
    is_test = delivery.event_type == TEST_EVENT
    delays = _retry_delays()
    if outcome.ok:
        delivery.status, delivery.next_attempt_at, delivery.delivered_at = (
            Delivery.Status.SUCCEEDED,
            None,
            now,
        )
    elif not is_test and delivery.attempts <= len(delays):
        delivery.next_attempt_at = now + timedelta(seconds=delays[delivery.attempts - 1])
    else:
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
    delivery.save(update_fields=["status", "next_attempt_at", "delivered_at"])
    if delivery.status == Delivery.Status.PENDING:
        at = delivery.next_attempt_at
        transaction.on_commit(lambda: tasks.deliver_enqueue(delivery.pk, at=at))
    elif not is_test:
        _count_outcome(delivery.webhook_id, succeeded=outcome.ok, now=now)
    return delivery


def _count_outcome(webhook_id: int, *, succeeded: bool, now: datetime) -> None:
    """A message is done: a success resets the count of failures, a failure adds one; enough
    failures in a row switch the webhook off."""
    webhook = Webhook.objects.select_for_update().get(pk=webhook_id)
    if succeeded:
        if webhook.consecutive_failures:
            webhook.consecutive_failures = 0
            webhook.save(update_fields=["consecutive_failures"])
        return
    webhook.consecutive_failures += 1
    webhook.save(update_fields=["consecutive_failures"])
    limit = settings.PLEIN_WEBHOOK_DISABLE_AFTER
    if webhook.is_active and webhook.consecutive_failures >= limit:
        _switch_off(webhook, Webhook.DisabledReason.FAILURES)


def _switch_off(webhook: Webhook, reason: str) -> None:
    """Switch the webhook off and stop its waiting messages; after failures, tell the
    administrators."""
    webhook.is_active = False
    webhook.disabled_at = timezone.now()
    webhook.disabled_reason = reason
    webhook.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    webhook.deliveries.filter(status=Delivery.Status.PENDING).exclude(event_type=TEST_EVENT).update(
        status=Delivery.Status.FAILED, next_attempt_at=None, error="The webhook was switched off."
    )
    if reason == Webhook.DisabledReason.FAILURES:
        transaction.on_commit(lambda: notify.webhook_disabled(webhook.pk))


QUESTION_WINDOW = timedelta(days=7)  # a question is looked at this long after its N days


def questions_unanswered_emit(*, now: datetime | None = None) -> list[Delivery]:
    """For each webhook that chose it: the questions that have had no answer for its number of
    days, once each. Only questions that reached that age after the webhook was registered
    (and in the last QUESTION_WINDOW) count: a new webhook is not flooded with old ones."""
    now = now or timezone.now()
    created = []
    for webhook in _subscribers(payloads.QUESTION_UNANSWERED):
        age = timedelta(days=webhook.unanswered_days)
        since = max(webhook.created_at, now - QUESTION_WINDOW) - age
        candidates = Post.objects.filter(
            kind=Post.Kind.QUESTION,
            deleted_at__isnull=True,
            comment_count=0,
            created_at__gt=since,
            created_at__lte=now - age,
        ).values_list("pk", flat=True)
        sent = set(
            webhook.deliveries.filter(event_type=payloads.QUESTION_UNANSWERED).values_list(
                "event_key", flat=True
            )
        )
        for pk in candidates:
            if f"{payloads.QUESTION_UNANSWERED}:{pk}" in sent:
                continue
            with transaction.atomic():
                delivery = deliveries_for(
                    webhook=webhook, kind_key=payloads.QUESTION_UNANSWERED, object_id=pk
                )
                if delivery is not None:
                    created.append(delivery)
                    _queue([delivery])
    return created


def deliveries_send_due(
    *, now: datetime | None = None, late: timedelta = timedelta(minutes=5)
) -> int:
    """A safety net: queue the messages whose attempt is overdue by `late` (their task was lost,
    or the task backend could not wait for them). Returns how many."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=now - late
        ).values_list("pk", flat=True)[:500]
    )
    for pk in due:
        tasks.deliver_enqueue(pk)
    return len(due)


def deliveries_prune(*, now: datetime | None = None) -> int:
    """Delete the messages older than PLEIN_WEBHOOK_KEEP_DAYS that are done."""
    before = (now or timezone.now()) - timedelta(days=settings.PLEIN_WEBHOOK_KEEP_DAYS)
    deleted, _by_model = (
        Delivery.objects.filter(created_at__lt=before)
        .exclude(status=Delivery.Status.PENDING)
        .delete()
    )
    return deleted
