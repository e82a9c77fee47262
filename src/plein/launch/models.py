"""The launch plan: when the intranet opens, to whom, and the invitations that announce it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LaunchPlan(models.Model):
    """The one row that says in which phase the intranet is and when it goes live."""

    SINGLETON_PK = 1

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        PILOT = "pilot", _("Pilot")
        LAUNCHED = "launched", _("Launched")

    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.LAUNCHED
    )
    launch_date = models.DateTimeField(_("launch date"), null=True, blank=True)
    pilot_departments = models.ManyToManyField(
        "people.Department",
        verbose_name=_("pilot departments"),
        blank=True,
        related_name="+",
        help_text=_("Everyone in these departments (and their sub-departments) takes part."),
    )
    pilot_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pilot participants"),
        blank=True,
        related_name="+",
    )
    launched_at = models.DateTimeField(_("went live at"), null=True, blank=True)
    announcement = models.ForeignKey(
        "posts.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    naming_contest = models.ForeignKey(
        "polls.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thresholds = models.JSONField(_("readiness thresholds"), default=dict, blank=True)
    go_live_minimum_score = models.PositiveSmallIntegerField(
        _("readiness score to go live without a warning"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    # A scheduled go-live: who scheduled it and the announcement it posts. It happens at
    # launch_date (a task waits for that moment); no one here means nothing is scheduled.
    go_live_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("go-live scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    go_live_announcement = models.JSONField(
        _("scheduled launch announcement"), default=dict, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Set by selectors.launch_plan(): the pilot's reach, so "may this person in?" costs no query.
    pilot_department_ids: frozenset[int] = frozenset()
    pilot_person_ids: frozenset[int] = frozenset()

    class Meta:
        verbose_name = _("launch plan")
        verbose_name_plural = _("launch plans")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="launch_plan_singleton"),
        ]
        permissions = [
            ("manage_launch", _("Can plan and run the launch")),
            ("enter_before_launch", _("Can use the intranet before it is launched")),
            ("view_launch_plan", _("Can follow the launch plan and readiness check")),
        ]

    def __str__(self) -> str:
        return str(self.get_phase_display())

    @property
    def is_launched(self) -> bool:
        return self.phase == self.Phase.LAUNCHED

    @property
    def is_go_live_scheduled(self) -> bool:
        return self.go_live_by_id is not None and self.launched_at is None


class Invitation(models.Model):
    """One personal invitation e-mail per person, ever: the row is written before the send."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="launch_invitation"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.person_id)
