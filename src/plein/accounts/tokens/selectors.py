"""Reads of access tokens, built on permissions.visible_tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AccessToken, Status
from .permissions import visible_tokens


def status_filter(status: str) -> Q:
    """The tokens with `status` (a Status), as AccessToken.status() decides it."""
    now = timezone.now()
    if status == Status.REVOKED:
        return Q(revoked_at__isnull=False)
    expired = Q(expires_at__isnull=False, expires_at__lte=now)
    if status == Status.EXPIRED:
        return Q(revoked_at__isnull=True) & expired
    return Q(revoked_at__isnull=True) & ~expired


def own_personal_tokens(user: Any) -> QuerySet[AccessToken]:
    """The person's own personal tokens (an administrator's too: not everyone's)."""
    return visible_tokens(user).filter(kind=AccessToken.Kind.PERSONAL, person_id=user.pk)


def tokens_for_management(user: Any, *, kind: str = "", status: str = "") -> QuerySet[AccessToken]:
    """Every token the user may see, with who it acts as and who made it, optionally of one kind
    and one status."""
    tokens = visible_tokens(user).select_related("person", "created_by")
    if kind:
        tokens = tokens.filter(kind=kind)
    if status:
        tokens = tokens.filter(status_filter(status))
    return tokens
