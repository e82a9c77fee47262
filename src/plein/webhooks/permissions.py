"""Who may do what with webhooks: administrators ("webhooks.manage_webhooks") register, change,
switch on and remove webhooks, read their secrets and deliveries, and send test messages.

What a webhook carries is limited by its owner's own rules, in plein.webhooks.payloads.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plein.people.permissions import User

from .models import Webhook


def can_manage_webhooks(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("webhooks.manage_webhooks")
    )


def visible_webhooks(user: User) -> QuerySet[Webhook]:
    """Every webhook for those who manage them (they share the work), none for anyone else."""
    return Webhook.objects.all() if can_manage_webhooks(user) else Webhook.objects.none()
