"""Webhooks: addresses outside Plein that are told, signed, when something happens.

A Webhook is registered by an administrator (its owner): it receives the events it chose, and
only what its owner may see (plein.webhooks.payloads). Each message to it is a Delivery, sent
and retried in the background (plein.webhooks.sending, .tasks) and kept for a while so the
administrator can see what was sent, what came back, and send it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Webhook(models.Model):
    class DisabledReason(models.TextChoices):
        FAILURES = "failures", _("Switched off after failed messages in a row.")
        BY_HAND = "by_hand", _("Switched off by an administrator.")

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    # The kinds of event it receives (plein.core.registries.events: "post.created", ...).
    events = models.JSONField(_("events"), default=list)
    # "question.unanswered": a question without an answer after this many days.
    unanswered_days = models.PositiveSmallIntegerField(_("days without an answer"), default=3)
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("only in space"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Standard Webhooks secret ("whsec_" + base64). After a rotation the previous secret signs
    # too, until previous_secret_until, so the receiver can switch without losing messages.
    secret = models.CharField(_("secret"), max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(
        _("why it was switched off"), max_length=20, choices=DisabledReason.choices, blank=True
    )
    consecutive_failures = models.PositiveIntegerField(default=0)  # messages, not attempts
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]
        permissions = [("manage_webhooks", _("Can manage webhooks"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("manage:webhook", args=[self.pk])


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Failed")  # no attempts left, or the webhook was disabled

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(_("event"), max_length=40)
    # An event that happens once per object and webhook ("news.published:12") is sent once.
    event_key = models.CharField(max_length=80, blank=True)
    message_id = models.CharField(_("message id"), max_length=40, unique=True)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_excerpt = models.CharField(_("response"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # Set while an attempt runs, so two workers never send the same message at once.
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "event_key"],
                condition=~Q(event_key=""),
                name="webhook_delivery_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["webhook", "-created_at", "-id"], name="webhook_delivery_list_idx"
            ),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id}"
