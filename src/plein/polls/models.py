"""Polls (a post of kind POLL with its choices and votes) and contests (a question, proposals
and a vote on them)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path

PERSON = settings.AUTH_USER_MODEL
MIN_CHOICES, MAX_CHOICES = 2, 10


class PollDetails(models.Model):
    """What makes a post a poll; the question is the post's title."""

    class Results(models.TextChoices):
        AFTER_VOTE = "after_vote", _("After voting")
        AFTER_CLOSE = "after_close", _("After the poll closes")

    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="poll_details"
    )
    multiple = models.BooleanField(_("more than one answer allowed"), default=False)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    results_visibility = models.CharField(
        _("results shown"), max_length=12, choices=Results.choices, default=Results.AFTER_VOTE
    )

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    def __str__(self) -> str:
        return str(self.post_id)

    def is_closed(self, now: datetime | None = None) -> bool:
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())


class Choice(models.Model):
    poll = models.ForeignKey(PollDetails, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    poll = models.ForeignKey(PollDetails, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="poll_votes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["choice", "person"], name="poll_vote_once_per_choice")
        ]
        indexes = [models.Index(fields=["poll", "person"], name="poll_vote_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.choice_id}"


class Contest(models.Model):
    """A question to the organisation (or a space): proposals first, then a vote, then a winner."""

    class Phase(models.TextChoices):
        SUBMISSION = "submission", _("Proposals open")
        VOTING = "voting", _("Voting open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("question"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contests",
    )
    submissions_open_until = models.DateTimeField(_("proposals until"))
    voting_open_until = models.DateTimeField(_("voting until"))
    votes_per_person = models.PositiveSmallIntegerField(_("votes per person"), default=3)
    winner = models.ForeignKey(
        "Entry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announced_post = models.ForeignKey(
        "posts.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-voting_open_until", "-pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        permissions = [("run_contests", _("Can run contests for the whole organisation"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(voting_open_until__gt=models.F("submissions_open_until")),
                name="contest_voting_after_submissions",
            ),
            models.CheckConstraint(
                condition=models.Q(votes_per_person__gte=1), name="contest_at_least_one_vote"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path("polls:contest", self.pk)

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.submissions_open_until:
            return self.Phase.SUBMISSION
        if now < self.voting_open_until:
            return self.Phase.VOTING
        return self.Phase.CLOSED


class Entry(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    text = models.CharField(_("proposal"), max_length=100)
    description = models.CharField(_("explanation"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(Lower("text"), "contest", name="contest_entry_text_unique")
        ]

    def __str__(self) -> str:
        return self.text


class EntryVote(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="contest_vote_once_per_entry")
        ]
        indexes = [models.Index(fields=["contest", "person"], name="contest_vote_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.entry_id}"
