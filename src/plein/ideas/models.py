"""Ideas and feedback: an idea is a Post of kind IDEA with its details (topic, status) here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STATUS_NOTE_MAX_LENGTH = 2000


class IdeaDetails(models.Model):
    class Topic(models.TextChoices):
        ORGANISATION = "organisation", _("The organisation")
        INTRANET = "intranet", _("The intranet")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        UNDER_REVIEW = "under_review", _("Under review")
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="idea_details"
    )
    topic = models.CharField(_("about"), max_length=20, choices=Topic.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    status_note = models.TextField(_("explanation"), max_length=STATUS_NOTE_MAX_LENGTH, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        permissions = [("manage_ideas", _("Can set the status of ideas"))]
        indexes = [models.Index(fields=["status", "topic"])]

    def __str__(self) -> str:
        return str(self.post_id)


class IdeaVote(models.Model):
    """One person's support for an idea (not their own)."""

    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="idea_votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="idea_vote_unique")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.post_id}"
