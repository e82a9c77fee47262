"""Writing the audit log (`record`) and keeping it no longer than the configured period."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from .actions import ACTIONS, Action
from .middleware import current_origin, origin_of
from .models import AuditEntry

LABEL_LENGTH = 200


def _actor_snapshot(actor: Any) -> tuple[Any, str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "", ""
    name = getattr(actor, "full_name", "") or actor.get_username()
    return actor, str(name)[:200], str(getattr(actor, "email", ""))[:254]


def _target_of(target: models.Model | None, label: str | None) -> tuple[str, str, str]:
    if target is None:
        return "", "", (label or "")[:LABEL_LENGTH]
    meta = target._meta
    return (
        f"{meta.app_label}.{meta.model_name}",
        str(target.pk),
        (label if label is not None else str(target))[:LABEL_LENGTH],
    )


def record(
    *,
    action: Action,
    actor: Any = None,
    target: models.Model | None = None,
    target_label: str | None = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Write one audit entry in the caller's transaction (a rolled-back change leaves none).

    `actor` is the person who did it (None for another system or nobody logged in); `target`
    what it was done to, with `target_label` instead of its str() when given; `details` a small
    JSON object (counts, old and new values; never secrets). Where it came from is `request`'s
    address, or else the current request's (AuditMiddleware); nothing outside a request.
    """
    if action.code not in ACTIONS:
        raise ValueError(f"Unknown audit action {action.code!r}")
    origin = origin_of(request) if request is not None else current_origin()
    person, name, email = _actor_snapshot(actor)
    target_type, target_id, label = _target_of(target, target_label)
    return AuditEntry.objects.create(
        actor=person,
        actor_name=name,
        actor_email=email,
        action=action.code,
        target_type=target_type,
        target_id=target_id,
        target_label=label,
        details=details or {},
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
    )


def keep_days() -> int:
    return int(settings.PLEIN_AUDIT_KEEP_DAYS)


def audit_prune(*, now: datetime | None = None) -> int:
    """Delete the entries older than PLEIN_AUDIT_KEEP_DAYS; returns how many went."""
    before = (now or timezone.now()) - timedelta(days=keep_days())
    return AuditEntry.objects.filter(at__lt=before)._prune()
