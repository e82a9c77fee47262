"""In-app notifications, each person's e-mail preferences, and muted spaces."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERSON = settings.AUTH_USER_MODEL


class Notification(models.Model):
    class Kind(models.TextChoices):
        MENTION = "mention", _("Mentioned you")
        COMMENT = "comment", _("Commented on your post")
        REPLY = "reply", _("Replied to your comment")
        FOLLOWED_POST = "followed_post", _("Commented on a post you follow")
        REACTION = "reaction", _("Reacted to your post")
        SPACE_INVITATION = "space_invitation", _("Invited you to a space")
        SPACE_REQUEST = "space_request", _("Asked to join a space")
        SPACE_ACCEPTED = "space_accepted", _("Accepted your request to join")
        BLOG_ENTRY = "blog_entry", _("Wrote a new blog entry")
        KUDOS = "kudos", _("Gave you kudos")
        MUST_READ = "must_read", _("Asks you to read a news item")

    recipient = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    post = models.ForeignKey(
        "posts.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "posts.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey(
        "spaces.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class NotificationSettings(models.Model):
    """A person's e-mail choices; a person without a row gets the defaults."""

    class Digest(models.TextChoices):
        NEVER = "never", _("Never")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    person = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_mentions = models.BooleanField(
        _("E-mail me right away when someone mentions me"), default=True
    )
    email_replies = models.BooleanField(
        _("E-mail me right away when someone comments on my post or replies to me"), default=True
    )
    email_invitations = models.BooleanField(
        _("E-mail me invitations and reminders from the intranet team"),
        default=True,
        help_text=_("For example the invitation when the intranet opens."),
    )
    digest = models.CharField(
        _("Summary by e-mail"), max_length=10, choices=Digest.choices, default=Digest.WEEKLY
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.digest}"


class SpaceMute(models.Model):
    """No notifications about new activity in this space for this person."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="muted_spaces")
    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("muted space")
        verbose_name_plural = _("muted spaces")
        constraints = [
            models.UniqueConstraint(fields=["person", "space"], name="space_mute_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} mutes {self.space_id}"
