"""Wiki pages: a tree of Markdown pages in a space, with every saved version kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_BODY = 100_000  # characters of Markdown


class Page(models.Model):
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="wiki_pages", verbose_name=_("space")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,  # services delete only pages without children
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent page"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=220, allow_unicode=False)
    body = models.TextField(_("text"), max_length=MAX_BODY, blank=True)
    body_html = models.TextField(blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    revision = models.PositiveIntegerField(default=1)  # number of the current revision
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("wiki page")
        verbose_name_plural = _("wiki pages")
        ordering = ("position", "title")
        constraints = [
            models.UniqueConstraint(fields=("space", "slug"), name="wiki_page_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wiki:page", args=[self.space.slug, self.slug])


class PageRevision(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=MAX_BODY, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("page revision")
        verbose_name_plural = _("page revisions")
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(fields=("page", "number"), name="wiki_revision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} #{self.number}"
