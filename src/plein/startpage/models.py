"""The start page: the organisation's default arrangement of widgets, each person's own, the
quick links to the organisation's applications, and who shares their birthday."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSON = settings.AUTH_USER_MODEL


class DefaultLayout(models.Model):
    """The arrangement everyone starts with; one row (pk=1), set by the community manager.

    A layout is a list of [widget key, shown] pairs in order; widgets it does not name are added
    after it, shown or not as the widget itself says."""

    layout = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("default start page")
        verbose_name_plural = _("default start page")
        permissions = [("change_start_page", _("Can set the default start page and quick links"))]

    def __str__(self) -> str:
        return str(_("default start page"))


class PersonalLayout(models.Model):
    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="start_layout")
    layout = models.JSONField(default=list, blank=True)  # empty: follow the default
    hint_dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal start page")
        verbose_name_plural = _("personal start pages")

    def __str__(self) -> str:
        return f"{self.person_id}"


class QuickLink(models.Model):
    title = models.CharField(_("name"), max_length=80)
    url = models.URLField(_("web address"), max_length=500)
    description = models.CharField(_("description"), max_length=160, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("quick link")
        verbose_name_plural = _("quick links")

    def __str__(self) -> str:
        return self.title


class Celebrations(models.Model):
    """A person's birthday (day and month only: never the year) and the day they started, shown
    on colleagues' start pages only when they chose to share them."""

    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="celebrations")
    birth_day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    birth_month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    started_on = models.DateField(_("working here since"), null=True, blank=True)
    share = models.BooleanField(
        _("Show my birthday and work anniversary on colleagues' start pages"), default=False
    )

    class Meta:
        verbose_name = _("celebrations")
        verbose_name_plural = _("celebrations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_day__isnull=True, birth_month__isnull=True)
                | models.Q(birth_day__isnull=False, birth_month__isnull=False),
                name="celebrations_whole_birthday",
            )
        ]
        indexes = [models.Index(fields=["birth_month", "birth_day"], name="celebrations_day_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}"
