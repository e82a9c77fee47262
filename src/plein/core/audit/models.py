"""The audit log: one row per thing an administrator may later need to account for.

Append-only. A row is written once by `plein.core.audit.record` and never changed; only the
retention job (`audit_prune`) deletes rows, by date. `save()` of an existing row, `delete()` of a
row and `update()`/`delete()` of a queryset raise `AppendOnlyError`; migration 0003 adds a
database trigger (SQLite and PostgreSQL) that refuses an UPDATE of anything but the actor, which
the database sets to NULL when a person is deleted (the name and e-mail address stay).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .actions import label_of


class AppendOnlyError(Exception):
    """An audit entry cannot be changed or deleted (only the retention job deletes, by date)."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries are deleted only by the retention job.")

    def _prune(self) -> int:
        """Delete these rows: for the retention job (`services.audit_prune`) only."""
        return models.QuerySet.delete(self)[0]


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Snapshots: who it was, as they were called then, also after their account is erased.
    actor_name = models.CharField(_("name"), max_length=200, blank=True, default="")
    actor_email = models.CharField(_("e-mail address"), max_length=254, blank=True, default="")
    action = models.CharField(_("what"), max_length=60)
    target_type = models.CharField(max_length=60, blank=True, default="")
    target_id = models.CharField(max_length=64, blank=True, default="")
    target_label = models.CharField(_("about"), max_length=200, blank=True, default="")
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-at"], name="core_audit_action_at"),
            models.Index(fields=["actor", "-at"], name="core_audit_actor_at"),
            models.Index(fields=["target_type", "target_id"], name="core_audit_target"),
        ]
        permissions = [("view_audit_log", _("Can view and export the audit log"))]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries are deleted only by the retention job.")

    @property
    def action_label(self) -> str:
        return label_of(self.action)
