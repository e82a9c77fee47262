"""Site-wide search: what each app makes findable, and the API through which it keeps the index
current (an extension point).

Each app with something to find registers a `SearchKind` in its `AppConfig.ready()`::

    KINDS.register(
        SearchKind(
            key="wiki",
            order=60,
            label=_("Wiki pages"),
            visible=visible_pages,  # the detail page's own rule: (user) -> QuerySet
            entry=wiki_entry,  # (page) -> Entry, or None when it must not be found
            objects=lambda: Page.objects.all(),  # for `plein search-reindex`
            suggests=True,  # its titles are suggested as you type (Entry.suggest)
        )
    )

and keeps the index current from its services, in the same transaction as the write::

    search.index("wiki", page)  # after creating or changing it (also: made secret, moved...)
    search.index_many("wiki", pages)  # the same for many at once, in a few queries
    search.unindex("wiki", page.pk)  # after deleting it
    search.unindex_many("comment", ids)  # after deleting many (a post's comments, say)

Which results a person sees is decided in the search query itself, by `visible(user)` of each
kind (correlated on the entry's object id): the same rule as the object's page, so totals,
facets, suggestions and snippets never show what the person may not open. An entry therefore
needs no visibility fields of its own: a space made secret, a post removed or a person
deactivated is filtered out by the rule at once (`entry()` returning None removes it as well).

A kind whose `entry` reads what other apps hold loads it for many objects at once in `prepare`
(called before `entry` for a batch: index_many, the reindex). Posts do: a post's kind adds its
own details to its entry through `DETAILS` (a news item's lead, a poll's answers, a blog entry's
series, the badge and recipient of kudos), registered by the app of that kind::

    DETAILS.register(PostDetails(key="news", order=10, text=news_search_text, body=True))
    # text(posts) -> {post id: words}, in a fixed number of queries for any number of posts

and that app indexes the post again when those details change (search.index("post", post)).

The search app (plein.search) registers itself as the indexer and owns the storage; with no
indexer registered, `index`/`unindex` do nothing. Entries whose object is gone (removed
without its app unindexing it, say by a cascade in the database) are pruned daily.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from . import Registry


@dataclass(frozen=True)
class Entry:
    """What is indexed of one object. `title` weighs most, then `body`, then `extra` (tags,
    a document's extracted text, a person's skills)."""

    title: str
    url: str  # the object's page (a path: reverse() or get_absolute_url())
    created_at: datetime
    body: str = ""
    extra: str = ""
    space_id: int | None = None  # for the space facet
    author_id: int | None = None  # for the author facet
    subkind: str = ""  # e.g. the kind of a post ("news", "blog"), for the kind facet
    suggest: bool = False  # offered in the suggestions as you type (people, spaces, titles)


@dataclass(frozen=True)
class SearchKind:
    key: str
    order: int
    label: Promise | str
    visible: Callable[[Any], QuerySet[Any]]  # (user) -> the objects the user may open
    entry: Callable[[Any], Entry | None]  # (object) -> what to index; None: not findable
    objects: Callable[[], QuerySet[Any]]  # every object of the kind, for a full reindex
    # (objects) -> None: loads what `entry` reads for many objects at once, before a batch
    prepare: Callable[[Sequence[Any]], None] | None = None
    suggests: bool = False  # its entries may be suggested as you type (Entry.suggest)


KINDS: Registry[SearchKind] = Registry("search kinds")


@dataclass(frozen=True)
class Indexer:
    key: str
    order: int
    index: Callable[[SearchKind, Any], None]  # (kind, object): write or remove its entry
    index_many: Callable[[SearchKind, Sequence[Any]], object]  # the same, in bulk
    unindex: Callable[[SearchKind, int], None]  # (kind, object id): remove its entry
    # (kind, object ids): remove their entries at once; None: unindex() one by one
    unindex_many: Callable[[SearchKind, Sequence[int]], object] | None = None


INDEXERS: Registry[Indexer] = Registry("search indexers")


@dataclass(frozen=True)
class PostDetails:
    """The words a kind of post adds to its entry from its own app's tables."""

    key: str  # the kind of post (Post.Kind), e.g. "news"
    order: int
    text: Callable[[Sequence[Any]], dict[int, str]]  # (posts of the kind) -> {post id: words}
    # True: the words are what the post says (a news item's lead): indexed before its text;
    # False: with its hashtags (a series, a badge: weighed least)
    body: bool = False


DETAILS: Registry[PostDetails] = Registry("search details of post kinds")


def _kind(key: str) -> SearchKind:
    registered = KINDS.get(key)
    if registered is None:
        raise KeyError(f"No search kind {key!r} is registered.")
    return registered


def index(kind: str, obj: Any) -> None:
    """Bring the object's entry up to date (or remove it when the kind's `entry` says None)."""
    registered = _kind(kind)
    for indexer in INDEXERS.all():
        indexer.index(registered, obj)


def index_many(kind: str, objects: Sequence[Any]) -> None:
    """index() for many objects of one kind (an import, a renamed department's people): a few
    queries in all. Load what `entry` reads with the objects (select/prefetch_related)."""
    registered = _kind(kind)
    if not objects:
        return
    for indexer in INDEXERS.all():
        indexer.index_many(registered, objects)


def unindex(kind: str, pk: int) -> None:
    """Remove the object's entry (it was deleted)."""
    registered = _kind(kind)
    for indexer in INDEXERS.all():
        indexer.unindex(registered, pk)


def unindex_many(kind: str, pks: Sequence[int]) -> None:
    """unindex() for many objects of one kind (a post's comments): one query in all."""
    registered = _kind(kind)
    if not pks:
        return
    for indexer in INDEXERS.all():
        if indexer.unindex_many is not None:
            indexer.unindex_many(registered, pks)
        else:
            for pk in pks:
                indexer.unindex(registered, pk)
