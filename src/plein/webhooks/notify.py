"""Telling the administrators that a webhook was switched off after failing again and again."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from plein.core.mail import in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.selectors import branding_get
from plein.people.models import Person

from .models import Delivery, Webhook


def webhook_managers() -> list[Person]:
    """Everyone who may manage webhooks (administrators), active."""
    rule = Q(is_superuser=True) | Q(
        groups__permissions__codename="manage_webhooks",
        groups__permissions__content_type__app_label="webhooks",
    )
    return list(Person.objects.filter(rule, is_active=True).distinct().order_by("pk"))


def webhook_disabled(webhook_id: int) -> int:
    """E-mail every administrator, each in their language (after the commit). Returns how many."""
    webhook = Webhook.objects.filter(pk=webhook_id).first()
    if webhook is None:
        return 0
    last = webhook.deliveries.exclude(status=Delivery.Status.PENDING).first()
    recipients = webhook_managers()
    site_name = branding_get().intranet_name
    for person in recipients:
        with in_language_of(person):
            email = render_email(
                subject=_("Webhook switched off: %(name)s") % {"name": webhook.name},
                text="webhooks/email/disabled.txt",
                html="webhooks/email/disabled.html",
                context={
                    "person": person,
                    "webhook": webhook,
                    "last": last,
                    "link": absolute_url(webhook.get_absolute_url()),
                    "site_name": site_name,
                },
            )
        email.enqueue(to=[person.email])
    return len(recipients)
