"""Blogs: a blog entry is a Post of kind BLOG with a details row; entries may form a series."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plein.core.paths import path


class Series(models.Model):
    """A named series of blog entries by one person, such as a manager's weekly column."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="blog_series",
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=140, allow_unicode=False)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("blog series")
        verbose_name_plural = _("blog series")
        constraints = [
            models.UniqueConstraint(fields=["owner", "slug"], name="blog_series_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path("blogs:series", self.owner_id, self.slug)


class BlogEntry(models.Model):
    """The blog details of a post of kind BLOG: the series it belongs to, if any."""

    post = models.OneToOneField(
        "posts.Post", on_delete=models.CASCADE, primary_key=True, related_name="blog_details"
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )

    class Meta:
        verbose_name = _("blog entry")
        verbose_name_plural = _("blog entries")

    def __str__(self) -> str:
        return str(self.post_id)

    def get_absolute_url(self) -> str:
        return path("blogs:entry", self.post_id)
