"""Finding entries: the full-text match, the ranking and the snippets, and the visibility rule of
every kind, all in one database query.

PostgreSQL matches `websearch_to_tsquery('plein_dutch', q)` (Dutch stemming, stop words,
unaccent; "a phrase" in quotes, -word to exclude, `or`) and ranks with ts_rank. SQLite matches
FTS5 (unicode61 without accents): the query is translated to FTS5 syntax (words ANDed as whole
words, "phrases", -word as NOT), ranked with bm25; it has no stemming and no stop words.
On both, recency breaks ties, and a query of nothing but words to exclude finds nothing.
The `snippet` of each result is HTML whose only tags are <mark>.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Field,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
)
from django.db.models.expressions import RawSQL

from plein.core.registries.search import KINDS
from plein.people.models import Person

from .models import BestBet, SearchEntry, normalise_term
from .services import MARKS

User = Person | AnonymousUser

TABLE = SearchEntry._meta.db_table
PG_QUERY = "websearch_to_tsquery('plein_dutch', %s)"
PG_HEADLINE = "StartSel={}, StopSel={}, MaxWords=30, MinWords=12".format(*MARKS)
FTS_MATCH = "FROM search_fts WHERE search_fts MATCH %s"
FTS_ROW = f"{FTS_MATCH} AND search_fts.rowid = {TABLE}.id"
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def fts5_query(query: str) -> str:
    """The query in FTS5 syntax: each word or "phrase" quoted (so FTS5 operators and
    punctuation typed by a person are plain text), ANDed; -word and -"phrase" as NOT.
    Empty when nothing is left to look for."""
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in TERM.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        text = match.group(2) if match.group(2) is not None else match.group(4)
        if not re.search(r"\w", text):
            continue
        (unwanted if negated else wanted).append('"' + text.replace('"', "") + '"')
    if not wanted:
        return ""
    return f"({' AND '.join(wanted)})" + "".join(f" NOT {term}" for term in unwanted)


def _sql(sql: str, params: Iterable[str], field: Field[Any, Any]) -> RawSQL:
    # The SQL is built only from the constants of this module; what a person typed is always
    # a parameter.
    return RawSQL(sql, tuple(params), output_field=field)  # noqa: S611


def _escaped(sql: str, params: list[str]) -> RawSQL:
    """The text `sql` gives, HTML-escaped, with the highlight markers turned into <mark> tags."""
    escaped = f"replace(replace(replace({sql}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
    marked = f"replace(replace({escaped}, %s, '<mark>'), %s, '</mark>')"
    return _sql(marked, (*params, *MARKS), TextField())


def _postgresql(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    text = f"CASE WHEN {TABLE}.body <> '' THEN {TABLE}.body ELSE {TABLE}.extra END"
    headline = f"ts_headline('plein_dutch', {text}, {PG_QUERY}, %s)"
    return entries.filter(
        _sql(f"{TABLE}.search_vector @@ {PG_QUERY}", [query], BooleanField())
    ).annotate(
        rank=_sql(f"ts_rank({TABLE}.search_vector, {PG_QUERY})", [query], FloatField()),
        snippet=_escaped(headline, [query, PG_HEADLINE]),
    )


def _sqlite(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    matched = fts5_query(query)
    snippet = f"(SELECT snippet(search_fts, -1, %s, %s, %s, 24) {FTS_ROW})"
    return entries.filter(
        _sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [matched], BooleanField())
    ).annotate(
        # bm25 is lower for better matches; the weights are title, body, extra.
        rank=_sql(f"(SELECT -bm25(search_fts, 10.0, 4.0, 1.0) {FTS_ROW})", [matched], FloatField()),
        snippet=_escaped(snippet, [*MARKS, " … ", matched]),
    )


def visible_entries(user: User, *, kinds: Iterable[str] | None = None) -> QuerySet[SearchEntry]:
    """The entries of the objects the user may open: for each registered kind, its own rule
    correlated on the entry's object id. Nothing for anonymous or deactivated people."""
    if not user.is_authenticated or not user.is_active:
        return SearchEntry.objects.none()
    wanted = set(kinds) if kinds is not None else None
    rule = Q(pk__in=[])
    for kind in KINDS.all():
        if wanted is None or kind.key in wanted:
            visible = kind.visible(user).filter(pk=OuterRef("object_id"))
            rule |= Q(kind=kind.key) & Q(Exists(visible))
    return SearchEntry.objects.filter(rule)


def search_entries(
    user: User, query: str, *, kinds: Iterable[str] | None = None, order: str = "relevance"
) -> QuerySet[SearchEntry]:
    """The entries that match `query` and that the user may see, annotated with `rank` (higher
    is better) and `snippet` (HTML: escaped text with <mark> around the matches), best first or
    (`order="newest"`) newest first."""
    if not fts5_query(query):  # only words to exclude, or no words: nothing to look for
        return SearchEntry.objects.none()
    entries = visible_entries(user, kinds=kinds)
    if connection.vendor == "postgresql":
        entries = _postgresql(entries, query)
    else:
        entries = _sqlite(entries, query)
    if order == "newest":
        return entries.order_by("-created_at", "-pk")
    # F(): the plugin of django-stubs does not see the annotation made above.
    return entries.order_by(F("rank").desc(), "-created_at", "-pk")


# --- The results page: the newest matches, ranked -----------------------------------------------

# The matches a results page looks at: the newest CANDIDATES the person may see, ranked among
# themselves. Counting or ranking every match of a common word (hundreds of thousands, each
# checked against the person's rules) cannot be done while the person waits; a word this common
# gets "more than 1,000 results", as search engines say "about".
CANDIDATES = 1000


@dataclass(frozen=True)
class Hit:
    pk: int
    kind: str
    space_id: int | None
    author_id: int | None
    created_at: datetime
    rank: float


@dataclass(frozen=True)
class Hits:
    hits: list[Hit]  # best first (or newest first)
    complete: bool  # False: more matched; these are the newest CANDIDATES of them


HIT_COLUMNS = ("pk", "kind", "space_id", "author_id", "created_at")


def _ranks_sqlite(query: str, pks: list[int]) -> dict[int, float]:
    """bm25 of the given entries (SQLite), in one query over the full-text index."""
    if not pks:
        return {}
    marks = ", ".join("%s" for _pk in pks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, -bm25(search_fts, 10.0, 4.0, 1.0) {FTS_MATCH} AND rowid IN ({marks})",
            [fts5_query(query), *pks],
        )
        return dict(cursor.fetchall())


def find(
    user: User,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    narrow: Callable[[QuerySet[SearchEntry]], QuerySet[SearchEntry]] | None = None,
    order: str = "relevance",
    limit: int | None = None,
) -> Hits:
    """The newest `limit` (CANDIDATES) entries that match `query` and that the user may see (narrowed by
    `narrow`, e.g. the filters of the results page), best first or (`order="newest"`) newest
    first; one query (two on SQLite, which ranks them apart). Rank, then recency, then id."""
    if not fts5_query(query):
        return Hits([], complete=True)
    limit = CANDIDATES if limit is None else limit
    entries = visible_entries(user, kinds=kinds)
    entries = narrow(entries) if narrow is not None else entries
    pg = connection.vendor == "postgresql"
    if pg:
        entries = entries.filter(
            _sql(f"{TABLE}.search_vector @@ {PG_QUERY}", [query], BooleanField())
        ).annotate(rank=_sql(f"ts_rank({TABLE}.search_vector, {PG_QUERY})", [query], FloatField()))
    else:
        matched = fts5_query(query)
        entries = entries.filter(
            _sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [matched], BooleanField())
        )
    columns = (*HIT_COLUMNS, "rank") if pg else HIT_COLUMNS
    rows = list(entries.order_by("-created_at", "-pk").values_list(*columns)[: limit + 1])
    complete = len(rows) <= limit
    rows = rows[:limit]
    ranks = {} if pg else _ranks_sqlite(query, [row[0] for row in rows])
    hits = [
        Hit(*row) if pg else Hit(*row, rank=ranks.get(row[0], 0.0))  # type: ignore[misc]
        for row in rows
    ]
    if order != "newest":
        hits.sort(key=lambda hit: (hit.rank, hit.created_at, hit.pk), reverse=True)
    return Hits(hits, complete=complete)


def shown_entries(query: str, pks: list[int]) -> list[SearchEntry]:
    """The entries `find` gave for one page of results, in that order, with their `snippet`
    (HTML: escaped text with <mark> around the matches): one query. The ids come from `find`,
    which applied the person's rules."""
    entries = SearchEntry.objects.filter(pk__in=pks).only(
        "kind", "subkind", "title", "url", "created_at"
    )
    if connection.vendor == "postgresql":
        text = f"CASE WHEN {TABLE}.body <> '' THEN {TABLE}.body ELSE {TABLE}.extra END"
        headline = f"ts_headline('plein_dutch', {text}, {PG_QUERY}, %s)"
        entries = entries.annotate(snippet=_escaped(headline, [query, PG_HEADLINE]))
    else:
        snippet = f"(SELECT snippet(search_fts, -1, %s, %s, %s, 24) {FTS_ROW})"
        entries = entries.annotate(snippet=_escaped(snippet, [*MARKS, " … ", fts5_query(query)]))
    by_pk = {entry.pk: entry for entry in entries}
    return [by_pk[pk] for pk in pks if pk in by_pk]


# --- Suggestions as you type -----------------------------------------------------------------

WORD = re.compile(r"\w+")
# PostgreSQL: pg_trgm's similarity of the title to what is typed, above which a title counts as
# a near miss ("Jansen" for "Jansne"); the trigram index serves both conditions.
SIMILAR = 0.3


def suggest_entries(user: User, query: str, *, limit: int = 8) -> QuerySet[SearchEntry]:
    """Entries offered as you type (`suggest=True`: people, spaces, pages, documents) whose
    title has every typed word at the start of one of its words, the last one perhaps half
    typed ("Wilg" finds "Wilgenburg"); on PostgreSQL also titles that are a near miss (a typo).
    The user's own visibility rules apply, as for every search."""
    words = WORD.findall(query)
    if not words:
        return SearchEntry.objects.none()
    suggesting = [kind.key for kind in KINDS.all() if kind.suggests]
    entries = visible_entries(user, kinds=suggesting).filter(suggest=True)
    if connection.vendor == "postgresql":
        pattern = "%" + "%".join(words) + "%"
        matched = entries.filter(
            _sql(
                f"({TABLE}.title ILIKE %s OR {TABLE}.title %% %s)",
                [pattern, query],
                BooleanField(),
            )
        ).annotate(rank=_sql(f"similarity({TABLE}.title, %s)", [query], FloatField()))
    else:
        prefixes = " AND ".join(f'title : "{word}" *' for word in words)
        matched = entries.filter(
            _sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [prefixes], BooleanField())
        ).annotate(
            rank=_sql(
                f"(SELECT -bm25(search_fts, 10.0, 4.0, 1.0) {FTS_ROW})", [prefixes], FloatField()
            )
        )
    return matched.order_by(F("rank").desc(), "title", "pk")[:limit]


# The longest run of words a best bet's term is matched against (terms are short).
BEST_BET_WORDS = 8
EDGES = "\"'?!.,;:()[]"  # quotes and punctuation around a word are not part of it
BEST_BET_QUERY_WORDS = 60  # keeps the runs (the query's parameters) well under 999


def best_bets_for(query: str) -> list[BestBet]:
    """The best bets for what was searched, in one query: those whose term is the whole query
    or a run of whole words in it, compared normalised (case and accents do not matter).
    Quotes and punctuation around words are ignored and words to exclude (-word) are left out."""
    words = [word.strip(EDGES) for word in normalise_term(query).split() if word[0] != "-"]
    words = [word for word in words if word][:BEST_BET_QUERY_WORDS]
    runs = {
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, min(start + BEST_BET_WORDS, len(words)) + 1)
    }
    if not runs:
        return []
    return list(BestBet.objects.filter(term__in=runs).order_by("term", "title"))
