"""Ambassadors: colleagues who help others in their department or location."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Ambassador(models.Model):
    """A person designated as ambassador for a department, a location, or both."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="ambassador",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ambassadors",
    )
    location = models.ForeignKey(
        "people.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ambassadors",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        permissions = [("manage_ambassadors", _("Can designate ambassadors"))]

    def __str__(self) -> str:
        return str(self.person)
