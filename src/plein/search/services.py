"""The one write path of the search index. Every function runs in the caller's transaction:
the index changes with the write that changed the object."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plein.core.permissions import require
from plein.core.registries.search import KINDS, Entry, SearchKind
from plein.people.models import Person

from .misses.services import search_tasks_done_for_term
from .models import BestBet, SearchEntry, SearchTask, normalise_term
from .permissions import can_manage_best_bets

# The highlight markers of the snippets (selectors.py): taken out of what is indexed, so that
# only the database's own markers become <mark> tags.
MARKS = ("\ue000", "\ue001")
# PostgreSQL keeps at most 1 MB in a tsvector; a document's text beyond this is not indexed.
MAX_TEXT = 200_000

FIELDS = ["title", "body", "extra", "url", "subkind", "space_id", "author_id", "created_at"]
FIELDS += ["suggest", "updated_at"]

Progress = Callable[[str, int, int], None]  # (kind, last object id, entries written)


def _clean(text: str, limit: int) -> str:
    for mark in (*MARKS, "\x00"):
        text = text.replace(mark, "")
    return text[:limit]


def _values(entry: Entry) -> dict[str, Any]:
    return {
        "title": _clean(entry.title, 300),
        "body": _clean(entry.body, MAX_TEXT),
        "extra": _clean(entry.extra, MAX_TEXT),
        "url": entry.url[:500],
        "subkind": entry.subkind[:40],
        "space_id": entry.space_id,
        "author_id": entry.author_id,
        "created_at": entry.created_at,
        "suggest": entry.suggest,
    }


def entry_index(*, kind: SearchKind, obj: Any) -> None:
    """Write the object's entry, or remove it when the kind says it must not be found."""
    entry = kind.entry(obj)
    if entry is None:
        entry_unindex(kind=kind, pk=obj.pk)
        return
    SearchEntry.objects.update_or_create(kind=kind.key, object_id=obj.pk, defaults=_values(entry))


def entry_unindex(*, kind: SearchKind, pk: int) -> None:
    SearchEntry.objects.filter(kind=kind.key, object_id=pk).delete()


def entries_unindex(*, kind: SearchKind, pks: Sequence[int]) -> None:
    """entry_unindex() for many objects: one delete."""
    SearchEntry.objects.filter(kind=kind.key, object_id__in=list(pks)).delete()


def _entries(kind: SearchKind, objects: Sequence[Any]) -> list[SearchEntry]:
    if kind.prepare is not None:
        kind.prepare(objects)
    entries = []
    for obj in objects:
        entry = kind.entry(obj)
        if entry is not None:
            entries.append(SearchEntry(kind=kind.key, object_id=obj.pk, **_values(entry)))
    return entries


def _upsert(entries: list[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(
        entries, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=FIELDS
    )


def entries_index(*, kind: SearchKind, objects: Sequence[Any]) -> int:
    """entry_index() for many objects: one upsert and one delete, whatever their number.
    Returns the entries written."""
    entries = _entries(kind, objects)
    kept = {entry.object_id for entry in entries}
    gone = [obj.pk for obj in objects if obj.pk not in kept]
    with transaction.atomic():
        if gone:
            SearchEntry.objects.filter(kind=kind.key, object_id__in=gone).delete()
        if entries:
            _upsert(entries)
    return len(entries)


def _reindex_batch(kind: SearchKind, objects: list[Any], after: int) -> int:
    """Write the entries of one batch of objects (ids after `after`, in order); remove the
    entries in that id range whose object is gone or not findable. Returns the entries written."""
    entries = _entries(kind, objects)
    kept = [entry.object_id for entry in entries]
    with transaction.atomic():
        stale = SearchEntry.objects.filter(kind=kind.key, object_id__gt=after)
        if objects:
            stale = stale.filter(object_id__lte=objects[-1].pk)
        stale.exclude(object_id__in=kept).delete()
        _upsert(entries)
    return len(entries)


def search_reindex(
    *,
    kinds: Iterable[str] | None = None,
    after: tuple[str, int] | None = None,
    batch: int = 500,
    progress: Progress | None = None,
) -> int:
    """Rebuild the index of the given kinds (all by default), kind by kind in registry order
    and by object id, one transaction per batch. `after=(kind, id)` resumes after that object
    (the last one `progress` reported). Entries of objects that no longer exist are removed.
    Returns the number of entries written."""
    wanted = set(kinds) if kinds is not None else None
    registered = [kind for kind in KINDS.all() if wanted is None or kind.key in wanted]
    keys = [kind.key for kind in registered]
    written = 0
    for kind in registered:
        last = 0
        if after is not None and after[0] in keys:
            if keys.index(kind.key) < keys.index(after[0]):
                continue
            if kind.key == after[0]:
                last = after[1]
        while True:
            objects = list(kind.objects().filter(pk__gt=last).order_by("pk")[:batch])
            written += _reindex_batch(kind, objects, last)
            if not objects:
                break
            last = objects[-1].pk
            if progress is not None:
                progress(kind.key, last, written)
    return written


def _safe_url(url: str) -> bool:
    """A path on this site ("/…", not "//…") or an https address with a host."""
    if any(char.isspace() or char == "\\" for char in url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc)


def _term_taken(term: str, exclude: int | None) -> bool:
    same = BestBet.objects.filter(term=term)
    return (same.exclude(pk=exclude) if exclude is not None else same).exists()


def _best_bet_values(
    *, term: str, title: str, url: str, description: str, exclude: int | None
) -> dict[str, str]:
    """The cleaned values of a best bet; ValidationError (by field) if any is not allowed."""
    values = {
        "term": normalise_term(term),
        "title": " ".join(title.split()),
        "url": url.strip(),
        "description": " ".join(description.split()),
    }
    errors: dict[str, str] = {}
    if not values["term"]:
        errors["term"] = _("Enter the words this best bet answers.")
    elif _term_taken(values["term"], exclude):
        errors["term"] = _("There is already a best bet for “%(term)s”.") % {"term": values["term"]}
    if not values["title"]:
        errors["title"] = _("Enter a title.")
    if not _safe_url(values["url"]):
        errors["url"] = _("Enter a path on this intranet (starting with /) or an https address.")
    if errors:
        raise ValidationError(errors)
    return values


def best_bet_create(
    *, by: Person, term: str, title: str, url: str, description: str = ""
) -> BestBet:
    """Pin a page for a search term (stored normalised: lower case, no accents)."""
    require(can_manage_best_bets(by))
    with transaction.atomic():
        values = _best_bet_values(
            term=term, title=title, url=url, description=description, exclude=None
        )
        best_bet = BestBet.objects.create(created_by=by, **values)
        # The writing task for the term, if one is open, is answered by this best bet.
        search_tasks_done_for_term(term=best_bet.term, reason=SearchTask.Reason.BEST_BET)
        return best_bet


def best_bet_update(
    *, by: Person, best_bet: BestBet, term: str, title: str, url: str, description: str = ""
) -> BestBet:
    require(can_manage_best_bets(by))
    with transaction.atomic():
        values = _best_bet_values(
            term=term, title=title, url=url, description=description, exclude=best_bet.pk
        )
        for field, value in values.items():
            setattr(best_bet, field, value)
        best_bet.save(update_fields=list(values))
    return best_bet


def best_bet_delete(*, by: Person, best_bet: BestBet) -> None:
    require(can_manage_best_bets(by))
    with transaction.atomic():
        best_bet.delete()


def search_prune() -> int:
    """Delete the entries whose object no longer exists (removed without being unindexed, by a
    cascade in the database say): one delete per kind. Returns the entries deleted."""
    deleted = 0
    for kind in KINDS.all():
        existing = kind.objects().order_by().values("pk")
        stale = SearchEntry.objects.filter(kind=kind.key).exclude(object_id__in=existing)
        with transaction.atomic():
            count, _rows = stale.delete()
        deleted += count
    return deleted
