"""Posts, their comments, reactions, files and hashtags, and who follows whom."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path
from plein.core.registries import post_kinds

if TYPE_CHECKING:
    from plein.people.models import Person

PERSON = settings.AUTH_USER_MODEL


def _random_path(folder: str, suffix: str) -> str:
    return str(PurePosixPath("posts", folder, f"{uuid.uuid4().hex}{suffix}"))


def _image_path(instance: PostImage, filename: str) -> str:
    return _random_path("images", PurePosixPath(filename).suffix.lower() or ".jpg")


def _thumbnail_path(instance: PostImage, filename: str) -> str:
    return _random_path("thumbnails", ".jpg")


def _attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random and has no extension: the original name lives in the row and
    # is only ever sent back in Content-Disposition.
    return _random_path("attachments", "")


class Hashtag(models.Model):
    name = models.CharField(_("name"), max_length=64, unique=True)  # stored in lower case

    class Meta:
        ordering = ["name"]
        verbose_name = _("hashtag")
        verbose_name_plural = _("hashtags")

    def __str__(self) -> str:
        return f"#{self.name}"

    def get_absolute_url(self) -> str:
        return path("posts:hashtag", self.name)


class Post(models.Model):
    """A message in a space, on its author's profile, or (by editors) an announcement to everyone.

    Where it lives decides who may see it: a space post follows the space's rules, a profile post
    and an announcement are visible to every active person.
    """

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        NEWS = "news", _("News")
        BLOG = "blog", _("Blog entry")
        KUDOS = "kudos", _("Kudos")
        QUESTION = "question", _("Question")
        POLL = "poll", _("Poll")
        IDEA = "idea", _("Idea")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POST)
    author = models.ForeignKey(
        PERSON, verbose_name=_("author"), on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="posts",
    )
    is_announcement = models.BooleanField(_("announcement to everyone"), default=False)
    body = models.TextField(_("message"), max_length=10000)
    body_html = models.TextField(editable=False, blank=True)  # rendered and sanitised on write
    link_url = models.URLField(_("link"), max_length=2000, blank=True)
    link_title = models.CharField(_("link title"), max_length=300, blank=True)
    link_description = models.CharField(_("link description"), max_length=500, blank=True)
    hashtags = models.ManyToManyField(Hashtag, blank=True, related_name="posts")
    mentioned_people: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, blank=True, related_name="mentioned_in_posts"
    )
    pinned_at = models.DateTimeField(_("pinned at"), null=True, blank=True)
    # Counters kept by services.py (and post_counters_refresh), so that a page of the stream
    # needs no counting: comments that are not deleted, reactions in all and per kind, files.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    reaction_count = models.PositiveIntegerField(default=0, editable=False)
    reaction_counts = models.JSONField(default=dict, blank=True, editable=False)
    image_count = models.PositiveSmallIntegerField(default=0, editable=False)
    attachment_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # The moment the post appears: now, or later for news planned ahead. Streams sort on it.
    created_at = models.DateTimeField(_("published at"), default=timezone.now)
    hidden_after = models.DateTimeField(_("taken down at"), null=True, blank=True)
    # Empty audiences mean everyone who may see the place; is_targeted says whether any is set.
    audience_departments = models.ManyToManyField(
        "people.Department", verbose_name=_("for departments"), blank=True, related_name="+"
    )
    audience_locations = models.ManyToManyField(
        "people.Location", verbose_name=_("for locations"), blank=True, related_name="+"
    )
    is_targeted = models.BooleanField(default=False, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [
            ("post_announcement", _("Can post announcements to everyone")),
            ("moderate_posts", _("Can remove and restore any post they can see")),
            ("see_unpublished", _("Can see posts planned ahead, taken down or for others")),
        ]
        constraints = [
            # An announcement goes to everyone, so it never lives in a space; only space posts pin.
            models.CheckConstraint(
                condition=models.Q(is_announcement=False) | models.Q(space__isnull=True),
                name="post_announcement_not_in_space",
            ),
            models.CheckConstraint(
                condition=models.Q(pinned_at__isnull=True) | models.Q(space__isnull=False),
                name="post_pin_only_in_space",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["post", "news", "blog", "kudos", "question", "poll", "idea"]
                ),
                name="post_kind_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-created_at", "-id"],
                name="post_stream_idx",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(fields=["space", "-created_at", "-id"], name="post_space_stream_idx"),
            models.Index(fields=["author", "-created_at", "-id"], name="post_author_stream_idx"),
            # News, blog entries, questions...: lists of one kind, newest first.
            models.Index(
                fields=["kind", "-created_at", "-id"],
                name="post_kind_stream_idx",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(
                fields=["space", "-pinned_at"],
                name="post_pinned_idx",
                condition=models.Q(pinned_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        # News and blog entries have pages of their own.
        return path(post_kinds.detail_url_name(self.kind), self.pk)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class PostRevision(models.Model):
    """The text a post had before an edit; the newest revision is the text just replaced."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("message"))
    written_at = models.DateTimeField(_("written at"))
    replaced_by = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-id"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.replaced_at:%Y-%m-%d %H:%M}"


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=_image_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_thumbnail_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(
        _("description for people who cannot see the image"), max_length=500
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path("posts:attachment", self.post_id, self.pk)


class Comment(models.Model):
    """A comment on a post; a reply points at a top-level comment (one level deep)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        PERSON, verbose_name=_("author"), on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=5000)
    body_html = models.TextField(editable=False, blank=True)
    mentioned_people: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        PERSON, blank=True, related_name="mentioned_in_comments"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["post", "created_at"], name="comment_post_idx")]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"


class Reaction(models.Model):
    """One reaction per person per post or comment; choosing another kind replaces it."""

    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        LOVE = "love", _("Love")
        CELEBRATE = "celebrate", _("Celebrate")
        INSIGHTFUL = "insightful", _("Insightful")
        FUNNY = "funny", _("Funny")

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="reactions")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(_("reaction"), max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False, comment__isnull=True)
                | models.Q(post__isnull=True, comment__isnull=False),
                name="reaction_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["like", "love", "celebrate", "insightful", "funny"]),
                name="reaction_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["person", "post"],
                condition=models.Q(post__isnull=False),
                name="reaction_unique_post",
            ),
            models.UniqueConstraint(
                fields=["person", "comment"],
                condition=models.Q(comment__isnull=False),
                name="reaction_unique_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}"


class PersonFollow(models.Model):
    follower = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="following")
    followed = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed person")
        verbose_name_plural = _("followed people")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="person_follow_unique"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")), name="person_follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} → {self.followed_id}"


class PostFollow(models.Model):
    """A person's choice about a post's notifications: follow it, or mute it."""

    class State(models.TextChoices):
        FOLLOWING = "following", _("Following")
        MUTED = "muted", _("Muted")

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="post_follows")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="follows")
    state = models.CharField(max_length=10, choices=State.choices, default=State.FOLLOWING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed post")
        verbose_name_plural = _("followed posts")
        constraints = [
            models.UniqueConstraint(fields=["person", "post"], name="post_follow_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=["following", "muted"]), name="post_follow_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.state} {self.post_id}"


class FeedVisit(models.Model):
    """When a person last looked at their home feed, for the "new since last visit" marker.

    A visit lasts while the feed is looked at again within GAP; during a visit the marker
    stays where it was when the visit began, so a reload does not make the new posts "old".
    """

    GAP = timedelta(minutes=30)

    person = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="feed_visit")
    seen_at = models.DateTimeField()  # the latest look at the feed
    since = models.DateTimeField(null=True, blank=True)  # posts after this are new in this visit

    def __str__(self) -> str:
        return f"{self.person_id} {self.seen_at:%Y-%m-%d %H:%M}"

    def since_at(self, moment: datetime) -> datetime | None:
        """Where the marker goes for a look at `moment`: at the end of the previous visit once
        GAP has passed, else where it was when this visit began."""
        return self.seen_at if moment - self.seen_at > self.GAP else self.since
