"""The agenda: events, who comes to them, and personal calendar feeds.

A recurring event is stored as one row per occurrence, all sharing the same `series` id; so each
occurrence has its own RSVPs, waiting list, reminders and .ics UID, and can be changed or cancelled
on its own. The rule the series was made with is kept on each row (`recurrence`) for display.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path


class Event(models.Model):
    class Category(models.TextChoices):
        TRAINING = "training", _("Training")
        MEETING = "meeting", _("Meeting")
        SOCIAL = "social", _("Social")
        LAUNCH = "launch", _("Launch")
        OTHER = "other", _("Other")

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    description_html = models.TextField(_("description as HTML"), blank=True, editable=False)
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.OTHER
    )
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("Empty: an event for the whole organisation."),
    )
    location = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    all_day = models.BooleanField(_("all day"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    series = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Counters kept by the services, so lists show them without a query per event.
    going_count = models.PositiveIntegerField(default=0, editable=False)
    maybe_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("manage_events", _("Can organise events for the whole organisation"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(location="", online_url=""), name="event_has_place"
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="event_starts_idx"),
            # The agenda and the start page ask for what has not ended yet.
            models.Index(fields=["ends_at"], name="event_ends_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path("events:detail", self.pk)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.starts_at).date()

    @property
    def last_day(self) -> date:
        """The local day it ends on (an all-day event ends at midnight after its last day)."""
        return timezone.localtime(self.ends_at - timedelta(microseconds=1)).date()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going_count >= self.capacity

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.going_count, 0)


class RSVP(models.Model):
    """A person's answer for one event (one occurrence of a series)."""

    class State(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not", _("Not going")
        WAITLISTED = "waitlisted", _("On the waiting list")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="rsvps"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_rsvps",
    )
    state = models.CharField(_("answer"), max_length=10, choices=State.choices)
    # When the person joined the waiting list: it is served first come, first served.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=["going", "maybe", "not", "waitlisted"]),
                name="rsvp_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["person", "state"], name="rsvp_person_state_idx")]

    def __str__(self) -> str:
        return f"{self.person} · {self.event} ({self.state})"


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed. Revoking replaces the token."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person}"
