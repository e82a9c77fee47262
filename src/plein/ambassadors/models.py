"""Ambassadors: colleagues who help others in their department or location."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
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


# --- Evaluation rounds: "tips, tops and flops" -----------------------------------------------


class EvaluationRound(models.Model):
    """A round in which colleagues share tips, tops and flops about the intranet, opened and
    closed by a community manager. Open until it is closed or its end date has passed."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=2000, blank=True)
    ends_on = models.DateField(_("end date"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ambassadors:evaluation", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.ends_on >= timezone.localdate()


class EvaluationItem(models.Model):
    """One tip, top or flop on a round's board. The author is always stored (for moderation);
    `anonymous` hides their name from everyone."""

    class Kind(models.TextChoices):
        TIP = "tip", _("Tip")
        TOP = "top", _("Top")
        FLOP = "flop", _("Flop")

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="items"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="evaluation_items",
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        indexes = [models.Index(fields=["round", "kind"])]

    def __str__(self) -> str:
        return self.text


class EvaluationSupport(models.Model):
    """A "+1" on an item: one per person."""

    item = models.ForeignKey(
        EvaluationItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="supports"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="evaluation_support_once")
        ]

    def __str__(self) -> str:
        return f"+1 {self.person_id} → {self.item_id}"
