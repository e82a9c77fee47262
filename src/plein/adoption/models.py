"""Adoption analytics: a compact, append-only record of usage events, rolled up every night.

Three layers, each kept for its own time:
- UsageEvent: one row per thing a person did (raw); deleted after PLEIN_ADOPTION_RAW_DAYS.
- PersonDay: per person per day, what they did (counts); the base for active users over a window;
  deleted after PLEIN_ADOPTION_PERSON_DAYS (it is about individuals).
- GroupDay: per day and per group (everyone, a department, a location, a role) the figures the
  dashboard shows; groups smaller than PLEIN_ADOPTION_MIN_GROUP are merged into "other". Kept.
Dashboards read GroupDay only, never the raw events.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.registries.usage import Kind

# What each kind counts as for the 90-9-1 split: creating, responding or reading.
CREATING = frozenset({Kind.POST, Kind.UPLOAD, Kind.EDIT})
RESPONDING = frozenset({Kind.COMMENT, Kind.REACTION, Kind.RSVP, Kind.READ, Kind.VOTE})


class UsageEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.CharField(max_length=20, blank=True, default="")  # "post", "news", …
    object_id = models.BigIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True, default="")  # e.g. a search's words
    count = models.IntegerField(null=True, blank=True)  # e.g. a search's number of results

    class Meta:
        verbose_name = _("usage event")
        verbose_name_plural = _("usage events")
        indexes = [models.Index(fields=["at"], name="usage_event_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.person_id} {self.kind}"


class PersonDay(models.Model):
    """What one person did on one day; the group they were in that day is kept with it."""

    id = models.BigAutoField(primary_key=True)
    day = models.DateField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department_id = models.IntegerField(null=True, blank=True)
    location_id = models.IntegerField(null=True, blank=True)
    is_manager = models.BooleanField(default=False)
    visits = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    nudged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("day of a person")
        verbose_name_plural = _("days of people")
        constraints = [
            models.UniqueConstraint(fields=["day", "person"], name="person_day_unique"),
        ]
        indexes = [models.Index(fields=["person", "day"], name="person_day_person_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.person_id}"


class GroupDay(models.Model):
    """The figures of one group on one day (activity over the 1, 7 and 28 days up to it)."""

    class Dimension(models.TextChoices):
        ALL = "all", _("Everyone")
        DEPARTMENT = "department", _("Department")
        LOCATION = "location", _("Location")
        ROLE = "role", _("Role")

    OTHER = "other"  # the key of the merged small groups

    day = models.DateField()
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    key = models.CharField(max_length=40)  # a department/location pk, a role, "all" or OTHER
    label = models.CharField(max_length=200)
    people = models.PositiveIntegerField(default=0)  # active accounts in the group that day
    activated = models.PositiveIntegerField(default=0)  # of whom ever logged in
    active_day = models.PositiveIntegerField(default=0)
    active_week = models.PositiveIntegerField(default=0)
    active_month = models.PositiveIntegerField(default=0)  # 28 days
    creators = models.PositiveIntegerField(default=0)  # over 28 days
    responders = models.PositiveIntegerField(default=0)  # responded but did not create
    readers = models.PositiveIntegerField(default=0)  # only visited/viewed
    profiles_complete = models.PositiveIntegerField(default=0)
    nudged = models.PositiveIntegerField(default=0)
    # managers in the group who posted or responded in the 28 days (the dashboard compares
    # departments with and without them, so it never has to read the people's days)
    managers_taking_part = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("day of a group")
        verbose_name_plural = _("days of groups")
        constraints = [
            models.UniqueConstraint(fields=["day", "dimension", "key"], name="group_day_unique"),
        ]
        indexes = [models.Index(fields=["dimension", "day"], name="group_day_dim_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}:{self.key}"


class Goal(models.Model):
    """A target from the business case: a measure, a target value and a date."""

    class Measure(models.TextChoices):
        ACTIVATED = "activated", _("Share of employees who logged in at least once (%)")
        WEEKLY_ACTIVE = "weekly_active", _("Share of employees active in a week (%)")
        MONTHLY_ACTIVE = "monthly_active", _("Share of employees active in 28 days (%)")
        STICKINESS = "stickiness", _("Stickiness: daily / monthly active (%)")
        CREATORS = "creators", _("Share of employees who created something in 28 days (%)")
        PROFILES = "profiles", _("Share of complete profiles (%)")
        AMBASSADOR_COVERAGE = "ambassadors", _("Share of departments with an ambassador (%)")

    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    target = models.PositiveSmallIntegerField(_("target (%)"))
    deadline = models.DateField(_("by"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("adoption goal")
        verbose_name_plural = _("adoption goals")
        permissions = [("view_adoption", _("Can see the adoption dashboard and set goals"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__lte=100), name="goal_target_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.target}% by {self.deadline}"


# Department race and nudges ---------------------------------------------------------------------


class Race(models.Model):
    """The department race: which top-level department first has every profile complete.

    One row (SINGLETON_PK). The race runs during the launch period, or from started_at (set when
    the community manager first saves its settings) until ends_at or until the winner is
    announced."""

    SINGLETON_PK = 1

    prize = models.CharField(
        _("prize"),
        max_length=200,
        blank=True,
        help_text=_("For example: a cake for the first department to reach 100%."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    first_complete = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_complete_at = models.DateTimeField(null=True, blank=True)
    winner = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announced_at = models.DateTimeField(_("winner announced at"), null=True, blank=True)
    announcement = models.ForeignKey(
        "posts.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("department race")
        verbose_name_plural = _("department races")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="race_singleton")]

    def __str__(self) -> str:
        return self.prize or "race"


class Nudge(models.Model):
    """The nudges one person had of one kind: how many and when the last one was sent."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder to log in")
        MISSED = "missed", _("What you missed")
        WELCOME = "welcome", _("Welcome for a new colleague")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="nudge_person_kind_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} x{self.count}"
