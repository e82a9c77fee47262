"""Onboarding: each person's first steps, the guided tour, drip-fed tips and posting guidelines."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OnboardingState(models.Model):
    """Where one person is in their onboarding; created on their first start-page visit."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onboarding"
    )
    started_at = models.DateTimeField(default=timezone.now)
    # Steps Plein cannot see for itself ("set Plein as start page"), confirmed by the person.
    confirmed_steps = models.JSONField(default=list, blank=True)
    checklist_dismissed_at = models.DateTimeField(null=True, blank=True)
    tour_finished_at = models.DateTimeField(null=True, blank=True)
    tips_seen = models.PositiveSmallIntegerField(default=0)
    tip_dismissed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding state")
        verbose_name_plural = _("onboarding states")

    def __str__(self) -> str:
        return str(self.person_id)


class Tip(models.Model):
    """One tip from the library, in Dutch and English; shown in `position` order."""

    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    body_nl = models.TextField(_("text (Dutch)"), max_length=1000)
    title_en = models.CharField(_("title (English)"), max_length=120)
    body_en = models.TextField(_("text (English)"), max_length=1000)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        permissions = [("manage_tips", _("Can edit the tips and the posting guidelines"))]

    def __str__(self) -> str:
        return self.title_en


class PostingGuidelines(models.Model):
    """The one "what may I post here?" page, in Dutch and English (Markdown)."""

    SINGLETON_PK = 1

    body_nl = models.TextField(_("guidelines (Dutch)"), max_length=20000)
    body_en = models.TextField(_("guidelines (English)"), max_length=20000)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("posting guidelines")
        verbose_name_plural = _("posting guidelines")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="posting_guidelines_singleton"),
        ]

    def __str__(self) -> str:
        return "posting guidelines"
