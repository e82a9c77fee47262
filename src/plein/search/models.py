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

import unicodedata

from django.conf import settings
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


def normalise_term(text: str) -> str:
    """Lower case, accents removed, spaces collapsed: "  Déclaratie  Reis" -> "declaratie reis".
    Best bets are stored and looked up in this form."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


class BestBet(models.Model):
    """A page an editor pins for a search term: shown first, as recommended, to whoever searches
    for the term (or for words that contain it)."""

    term = models.CharField(_("search term"), max_length=100, unique=True)  # normalise_term()
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("best bet")
        verbose_name_plural = _("best bets")
        ordering = ["term", "title"]
        permissions = [("manage_best_bets", _("Can manage the best bets of search"))]

    def __str__(self) -> str:
        return f"{self.term} -> {self.title}"
