"""The search index: one entry per findable object, kept current by the services of the apps
that own the objects (through plein.core.registries.search).

Besides the columns below, migration 0002 adds the full-text index, which the ORM never writes:

- PostgreSQL: the column `search_vector`, a stored generated tsvector (title weight A, body B,
  extra C, text search configuration `plein_dutch`: Dutch stemming and stop words after
  unaccent) with a GIN index (and one per big kind: 0008); `title_words`, the words of the
  title (`plein_simple`: no stemming) for the suggestions, with a GIN index (0007); a trigram
  index on the titles of people, spaces and wiki pages for near misses (0006);
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
            # The newest entries of each kind, which a search looks at first (selectors.find).
            models.Index(fields=["kind", "created_at", "id"], name="search_entry_kind_created_idx"),
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


class SearchMiss(models.Model):
    """A search that found nothing: the term, the day, and a token that tells people apart
    without saying who they are (search.misses.services.miss_record).

    This is k-anonymous, like the adoption figures:
    - no person is stored: no id, no foreign key. The token is a keyed one-way hash (HMAC with
      the server's SECRET_KEY, salt "plein.search.miss") of the person's id and the term. It only
      tells whether two searches for the same term came from the same person; without the secret
      key it cannot be turned back into a person, and because the term is part of it, one
      person's tokens for two terms do not match (their searches cannot be linked);
    - a term is shown (on the adoption dashboard) only once at least PLEIN_ADOPTION_MIN_GROUP
      distinct people searched for it within the window;
    - rows older than the window (PLEIN_SEARCH_MISS_DAYS, 28 days) are deleted every day.
    """

    term = models.CharField(_("search term"), max_length=100)  # normalise_term()
    day = models.DateField(_("day"))
    token = models.CharField(_("token"), max_length=64)
    searches = models.PositiveIntegerField(_("searches"), default=1)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["term", "day", "token"], name="search_miss_unique")
        ]
        indexes = [models.Index(fields=["day"], name="search_miss_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.term}"


class SearchTask(models.Model):
    """A task for an editor: write the page people searched for and did not find. Done when the
    content exists (found by the creator's search, or a best bet pinned for the term), or by
    hand."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    class Reason(models.TextChoices):
        CONTENT = "content", _("the content now exists")
        BEST_BET = "best_bet", _("a best bet was pinned")
        MANUAL = "manual", _("marked done by hand")

    term = models.CharField(_("search term"), max_length=100)  # normalise_term()
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_reason = models.CharField(_("why done"), max_length=10, choices=Reason.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("search task")
        verbose_name_plural = _("search tasks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=models.Q(status="open"), name="search_task_one_open"
            )
        ]
        indexes = [models.Index(fields=["status", "term"], name="search_task_status_idx")]

    def __str__(self) -> str:
        return f"{self.term} ({self.status})"
