"""Who may read the audit log: administrators (the permission core.view_audit_log)."""

from __future__ import annotations

from django.db.models import QuerySet

from ..permissions import User
from .models import AuditEntry


def can_view_audit_log(user: User) -> bool:
    return user.is_active and user.has_perm("core.view_audit_log")


def visible_audit_entries(user: User) -> QuerySet[AuditEntry]:
    """Every entry for those who may read the log, none for anyone else."""
    if can_view_audit_log(user):
        return AuditEntry.objects.all()
    return AuditEntry.objects.none()
