"""The search index: one entry per findable object, kept current by the services of the apps
that own the objects (through plein.core.registries.search).

Besides the columns below, migration 0002 adds the full-text index, which the ORM never writes:

- PostgreSQL: the column `search_vector`, a stored generated tsvector (title weight A, body B,
  extra C, text search configuration `plein_dutch`: Dutch stemming and stop words after
  unaccent) with a GIN index, and a trigram GIN index on the title;
- SQLite: the FTS5 table `search_fts` (external content: this table), kept in sync by triggers.
  A later migration that alters this table on SQLite rebuilds it, which drops the triggers:
  such a migration must create them again (see 0002).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    extra = models.TextField(_("extra"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    subkind = models.CharField(_("subkind"), max_length=40, blank=True)
    # Plain ids, no foreign keys: the index knows no other app, and an entry never outlives
    # its object's own rule (the kind's `visible`).
    space_id = models.BigIntegerField(_("space id"), null=True, blank=True)
    author_id = models.BigIntegerField(_("author id"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    suggest = models.BooleanField(_("offered as a suggestion"), default=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "object_id"], name="search_entry_kind_object_idx"),
            models.Index(fields=["created_at"], name="search_entry_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
