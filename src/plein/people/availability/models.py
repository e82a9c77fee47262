"""Absences and calendar feeds (imported into plein.people.models, so they belong to people)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX = 200


def next_working_day(day: date) -> date:
    """The first day from Monday to Friday after `day`."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class Absence(models.Model):
    """A period in which a person is away: from first_day to last_day, both included."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("set by hand")
        CALENDAR = "calendar", _("from the calendar")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    first_day = models.DateField(_("first day away"))
    last_day = models.DateField(_("last day away"))
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    # Empty: the next working day after the last day (see `returns_on`).
    back_on = models.DateField(_("back on"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [
            models.Index(fields=["person", "last_day"], name="absence_person_last_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="absence_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(back_on__isnull=True)
                | models.Q(back_on__gt=models.F("last_day")),
                name="absence_back_after_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.first_day:%Y-%m-%d} to {self.last_day:%Y-%m-%d}"

    @property
    def returns_on(self) -> date:
        return self.back_on or next_working_day(self.last_day)

    @property
    def is_from_calendar(self) -> bool:
        return self.source == self.Source.CALENDAR

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


class AbsenceFeed(models.Model):
    """The address of a person's published calendar (ICS), read by the `availability-feeds` job."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absence_feed",
    )
    url = models.URLField(_("calendar address (ICS)"), max_length=2000)
    last_fetched_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence calendar")
        verbose_name_plural = _("absence calendars")

    def __str__(self) -> str:
        return str(self.person)
