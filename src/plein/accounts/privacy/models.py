"""A download of a person's own data (AVG/GDPR, "your data"): asked for on the settings page,
built in the background section by section, kept for PLEIN_DATA_EXPORT_DAYS and then deleted.

The ZIP is stored in the default storage under a random, non-guessable name and is only ever
served by a view that checks its owner; it has no public address."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _export_path(instance: DataExport, filename: str) -> str:
    return f"exports/{secrets.token_urlsafe(24)}.zip"


class DataExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    sections_done = models.PositiveSmallIntegerField(default=0)
    sections_total = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_export_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    finished_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")
        constraints = [
            # One export at a time per person: at most one waiting or being prepared.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["pending", "running"]),
                name="one_running_data_export_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.sections_total:
            return 0
        return round(100 * self.sections_done / self.sections_total)
