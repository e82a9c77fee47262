"""Questions and answers. A question is a Post of kind QUESTION (title = the question, body = its
explanation, hashtags = its tags) with a QuestionDetails row; its answers are the post's top-level
comments (replies to an answer are comment replies). People vote answers useful (AnswerVote), the
asker or a moderator accepts one. Helpers are the people a question about their department or
topic is routed to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path


class QuestionDetails(models.Model):
    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="question_details"
    )
    accepted_answer = models.ForeignKey(
        "posts.Comment",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    routed_department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        "posts.Hashtag",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # who the question was sent to when it was asked (helpers, ambassadors, the project team):
    # their "Sent to you" list
    routed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("sent to"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return str(self.post_id)

    def get_absolute_url(self) -> str:
        return path("questions:detail", self.post_id)


class AnswerVote(models.Model):
    """A person found an answer useful (votes are +1 only: it keeps the tone friendly)."""

    comment = models.ForeignKey("posts.Comment", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("useful vote")
        verbose_name_plural = _("useful votes")
        constraints = [
            models.UniqueConstraint(fields=["comment", "person"], name="answer_vote_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.comment_id}"


class Helper(models.Model):
    """Someone who answers questions about a department or a topic (exactly one of the two)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="question_helper_of",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic = models.ForeignKey(
        "posts.Hashtag",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        permissions = [("manage_helpers", _("Can choose the helpers for questions"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(department__isnull=False, topic__isnull=True)
                    | models.Q(department__isnull=True, topic__isnull=False)
                ),
                name="helper_department_xor_topic",
            ),
            models.UniqueConstraint(
                fields=["person", "department"],
                condition=models.Q(department__isnull=False),
                name="helper_department_unique",
            ),
            models.UniqueConstraint(
                fields=["person", "topic"],
                condition=models.Q(topic__isnull=False),
                name="helper_topic_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.department_id or self.topic_id}"
