"""Finding entries: the full-text match, the ranking and the snippets, and the visibility rule of
every kind, in the database query itself.

- `find`: the results page's matches (the newest CANDIDATES the person may see, ranked), and
  `shown_entries`: one page of them with snippets. Bounded at any size (see `_newest_pg`).
- `suggest_entries`: what is offered as you type.
- `search_entries`, `visible_entries`: the same rule as a plain queryset (jobs and tests).

PostgreSQL matches `websearch_to_tsquery('plein_dutch', q)` (Dutch stemming, stop words,
unaccent; "a phrase" in quotes, -word to exclude, `or`) and ranks with ts_rank. SQLite matches
FTS5 (unicode61 without accents): the query is translated to FTS5 syntax (words ANDed as whole
words, "phrases", -word as NOT), ranked with bm25; it has no stemming and no stop words.
On both, recency breaks ties, and a query of nothing but words to exclude finds nothing.
The `snippet` of each result is HTML whose only tags are <mark>.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import OperationalError, connection, transaction
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
from psycopg.errors import QueryCanceled

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
# SQLite: the snippet of the body (column 1), or of the extra text (2: a document's contents)
# when there is no body, as PostgreSQL's headline; never the title (a comment's is its post's).
FTS_SNIPPET = (
    f"(SELECT CASE WHEN {TABLE}.body <> '' THEN snippet(search_fts, 1, %s, %s, %s, 24)"
    f" ELSE snippet(search_fts, 2, %s, %s, %s, 24) END {FTS_ROW})"
)
SNIPPET_MARKS = [*MARKS, " … ", *MARKS, " … "]
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
    return entries.filter(
        _sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [matched], BooleanField())
    ).annotate(
        # bm25 is lower for better matches; the weights are title, body, extra.
        rank=_sql(f"(SELECT -bm25(search_fts, 10.0, 4.0, 1.0) {FTS_ROW})", [matched], FloatField()),
        snippet=_escaped(FTS_SNIPPET, [*SNIPPET_MARKS, matched]),
    )


def _rules(user: User, kinds: Iterable[str] | None) -> list[tuple[str, Q]]:
    """For each registered kind (of `kinds`): its key, and the condition that the user may open
    the object of an entry of that kind (the kind's own rule, correlated on the entry's object
    id; the kind of the entry is the caller's to check)."""
    wanted = set(kinds) if kinds is not None else None
    return [
        (kind.key, Q(Exists(kind.visible(user).filter(pk=OuterRef("object_id")))))
        for kind in KINDS.all()
        if wanted is None or kind.key in wanted
    ]


def visible_entries(user: User, *, kinds: Iterable[str] | None = None) -> QuerySet[SearchEntry]:
    """The entries of the objects the user may open: for each registered kind, its own rule
    correlated on the entry's object id. Nothing for anonymous or deactivated people."""
    if not user.is_authenticated or not user.is_active:
        return SearchEntry.objects.none()
    rule = Q(pk__in=[])
    for key, kind_rule in _rules(user, kinds):
        rule |= Q(kind=key) & kind_rule
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
# PostgreSQL: the newest entries of each kind looked at first, and how many matches among them
# make a word too common to look further (see _newest_pg).
RECENT = 2000
FEW = 20
# How long the search through the older entries may take before it is given up (the newest
# matches are shown, as "more than"): the results page's share of a person's patience.
OLDER_BUDGET_MS = "40"
NEWEST_OF_KIND = f"FROM {TABLE} WHERE kind = %s ORDER BY created_at DESC, id DESC"
Rows = list[tuple[Any, ...]]  # HIT_COLUMNS and the rank
PG_HIT_COLUMNS = ("id", "kind", "space_id", "author_id", "created_at")


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
Narrow = Callable[[QuerySet[SearchEntry]], QuerySet[SearchEntry]]


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


def _where(entries: QuerySet[SearchEntry]) -> tuple[str, list[Any]]:
    """The WHERE clause of a query on the entries, as SQL on the table itself (its own name,
    as in the queries below) and its parameters; "TRUE" when it has none."""
    query = entries.query
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except FullResultSet:
        return "TRUE", []
    except EmptyResultSet:
        return "FALSE", []
    return (sql or "TRUE"), list(params)


def _rules_sql(user: Person, kinds: Iterable[str] | None) -> dict[str, tuple[str, list[Any]]]:
    """_rules() as SQL, made once per person per request: the results page asks twice (with
    and without the filters), and building these rules takes longer than running them. Kept
    on the person object, which lives as long as the request."""
    made: dict[str, tuple[str, list[Any]]] = user.__dict__.setdefault("_search_rules_sql", {})
    wanted = {kind.key for kind in KINDS.all()} if kinds is None else set(kinds)
    for key, rule in _rules(user, wanted - set(made)):
        made[key] = _where(SearchEntry.objects.filter(rule))
    return {key: made[key] for key in made if key in wanted}


def _per_row(rule: str) -> str:
    """The rule with its EXISTS (the last thing in it: `… LIMIT 1)`) kept a subquery run per
    entry: OFFSET 0 stops PostgreSQL from turning it into a join, for which it would read every
    object of the kind the person may see (a misjudged plan: the entries to check are few)."""
    head, limit, tail = rule.rpartition(" LIMIT 1)")
    return f"{head} LIMIT 1 OFFSET 0){tail}" if limit else rule


def _newest_pg(
    user: User, query: str, kinds: Iterable[str] | None, narrow: Narrow | None, limit: int
) -> tuple[Rows, bool]:
    """PostgreSQL: the newest `limit` + 1 matches of each kind the user may see, newest first,
    and whether they are all there are (or as many as `limit` + 1).

    One branch per kind (a UNION ALL), each with its own LIMIT, so that no kind's rule is
    worked out for every object of that kind. First among the RECENT newest entries of each
    kind (the index on kind and created_at): a common word fills its branch there at once,
    whatever the size of the index. A kind where the word was found fewer than FEW times is
    then searched through the full-text index for its older entries (a second query): a rare
    word has few matches there. A word found FEW times or more among the RECENT newest entries
    of a kind is not looked for in the older ones: "more than 300 results"."""
    if not isinstance(user, Person) or not user.is_active:
        return [], True
    rules = _rules_sql(user, kinds)
    narrowed = _where(narrow(SearchEntry.objects.all())) if narrow else ("TRUE", [])
    rows = _pg_branches(query, rules, narrowed, limit, older=False) or []
    found = Counter(row[1] for row in rows)
    cut_short = {row[1] for row in rows if row[-1] and found[row[1]] >= FEW}
    rare = {key: rule for key, rule in rules.items() if found[key] < FEW}
    older = _pg_branches(query, rare, narrowed, limit, older=True)
    rows = [row[:-1] for row in rows + (older or [])]
    rows.sort(key=lambda row: (row[4], row[0]), reverse=True)
    return rows, len(rows) <= limit and not cut_short and older is not None


def _pg_branches(
    query: str,
    rules: dict[str, tuple[str, list[Any]]],
    narrowed: tuple[str, list[Any]],
    limit: int,
    *,
    older: bool,
) -> Rows | None:
    """One query: for each kind of `rules`, its newest `limit` + 1 visible matches among the
    RECENT newest entries of the kind, or (`older`) among the others: within OLDER_BUDGET_MS,
    else None."""
    if not rules:
        return []
    # ARRAY(…) is worked out once, before the rest: the recent entries drive the query, whatever
    # the planner guesses about how common the word is in the kind.
    recent = f"{TABLE}.id = ANY(ARRAY(SELECT id {NEWEST_OF_KIND} LIMIT {int(RECENT)}))"
    # The older entries: none unless the kind has more than RECENT (checked once, first).
    has_older = f"EXISTS(SELECT 1 {NEWEST_OF_KIND} OFFSET {int(RECENT)} LIMIT 1)"
    among = f"NOT ({recent}) AND {has_older}" if older else recent
    columns = ", ".join(f"{TABLE}.{column}" for column in PG_HIT_COLUMNS)
    branches, params = [], []
    for key, (rule, rule_params) in rules.items():
        # The rule is checked per entry (_per_row). Among the older entries, they come from
        # the full-text index (a rare word: few), never along the index on created_at (the
        # planner cannot tell a phrase of common words from a common word): `+ 0 seconds`.
        # The biggest kinds have a full-text index of their own (migration 0008).
        rule = _per_row(rule)
        order = f"{TABLE}.created_at + interval '0 seconds'" if older else f"{TABLE}.created_at"
        # Built from this module's constants and the rules' own compiled SQL; every value is a
        # parameter.
        branches.append(
            f"(SELECT {columns}, ts_rank({TABLE}.search_vector, {PG_QUERY}),"  # noqa: S608
            f" {has_older}"
            f" FROM {TABLE} WHERE {TABLE}.search_vector @@ {PG_QUERY} AND {among}"
            f" AND {TABLE}.kind = %s"
            f" AND {narrowed[0]} AND {rule}"
            f" ORDER BY {order} DESC, {TABLE}.id DESC LIMIT {int(limit) + 1})"
        )
        params += [query, key, query, key, *([key] if older else []), key]
        params += [*narrowed[1], *rule_params]
    if not older:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(branches), params)
            return cursor.fetchall()
    return _within_budget(" UNION ALL ".join(branches), params)


def _within_budget(sql: str, params: list[Any]) -> Rows | None:
    """The rows of the query, or None when it takes longer than OLDER_BUDGET_MS (the planner
    misjudged how common the words are in the older entries: a phrase of two common words,
    say). The limit holds for this query alone: a savepoint undoes it when the query is
    cancelled, and it is set back when it is not."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'),"
                " set_config('statement_timeout', %s, true)",
                [OLDER_BUDGET_MS],
            )
            (before, _now) = cursor.fetchone()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
            return rows
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            return None
        raise


def _newest_sqlite(
    user: User, query: str, kinds: Iterable[str] | None, narrow: Narrow | None, limit: int
) -> tuple[Rows, bool]:
    """SQLite: the newest `limit` + 1 matches the user may see, then their bm25 rank."""
    entries = visible_entries(user, kinds=kinds)
    entries = narrow(entries) if narrow is not None else entries
    entries = entries.filter(
        _sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [fts5_query(query)], BooleanField())
    )
    rows = list(entries.order_by("-created_at", "-pk").values_list(*HIT_COLUMNS)[: limit + 1])
    ranks = _ranks_sqlite(query, [row[0] for row in rows[:limit]])
    return [(*row, ranks.get(row[0], 0.0)) for row in rows], len(rows) <= limit


def find(
    user: User,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    narrow: Narrow | None = None,
    order: str = "relevance",
    limit: int | None = None,
) -> Hits:
    """The newest `limit` (CANDIDATES) entries that match `query` and that the user may see
    (narrowed by `narrow`, e.g. the filters of the results page), best first or
    (`order="newest"`) newest first: rank, then recency, then id. On PostgreSQL one query, and
    a second for the older entries of the kinds where the words are rare (_newest_pg); on
    SQLite one query, and a second for the rank."""
    if not fts5_query(query):
        return Hits([], complete=True)
    limit = CANDIDATES if limit is None else limit
    newest = _newest_pg if connection.vendor == "postgresql" else _newest_sqlite
    rows, complete = newest(user, query, kinds, narrow, limit)
    hits = [Hit(*row) for row in rows[:limit]]
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
        snippet = _escaped(FTS_SNIPPET, [*SNIPPET_MARKS, fts5_query(query)])
        entries = entries.annotate(snippet=snippet)
    by_pk = {entry.pk: entry for entry in entries}
    return [by_pk[pk] for pk in pks if pk in by_pk]


# --- Suggestions as you type -----------------------------------------------------------------

WORD = re.compile(r"\w+")
# The kinds whose titles are offered as near misses (a typo in a name), on PostgreSQL: these
# have their own trigram index (migration 0006), which stays small whatever the documents.
NEAR_KINDS = ("person", "space", "wiki")
SUGGEST_CANDIDATES = 50
STARTS = "title_words @@ to_tsquery('plein_simple', %s)"


def suggest_entries(user: User, query: str, *, limit: int = 8) -> list[SearchEntry]:
    """Entries offered as you type (`suggest=True`: people, spaces, pages, documents) whose
    title has every typed word at the start of one of its words, the last one perhaps half
    typed ("Wilg" finds "Wilgenburg"); on PostgreSQL, when those are fewer than `limit`, also
    people, spaces and wiki pages whose title is a near miss (a typo: a second query). The
    user's own visibility rules apply, as for every search."""
    words = WORD.findall(query)
    suggesting = [kind.key for kind in KINDS.all() if kind.suggests]
    if not words or not isinstance(user, Person) or not user.is_active:
        return []
    if connection.vendor == "postgresql":
        return _suggest_pg(user, query, words, suggesting, limit)
    prefixes = " AND ".join(f'title : "{word}" *' for word in words)
    matched = (
        visible_entries(user, kinds=suggesting)
        .filter(suggest=True)
        .filter(_sql(f"{TABLE}.id IN (SELECT rowid {FTS_MATCH})", [prefixes], BooleanField()))
        .annotate(
            rank=_sql(
                f"(SELECT -bm25(search_fts, 10.0, 4.0, 1.0) {FTS_ROW})", [prefixes], FloatField()
            )
        )
    )
    return list(matched.order_by(F("rank").desc(), "title", "pk")[:limit])


SUGGESTED_COLUMNS = ("id", "kind", "object_id", "title", "url", "created_at")


def _suggest_pg(
    user: Person, query: str, words: list[str], kinds: list[str], limit: int
) -> list[SearchEntry]:
    """suggest_entries on PostgreSQL: one branch per kind (a UNION ALL), each checking its
    rule on at most SUGGEST_CANDIDATES titles that match (by the index of the titles' words),
    the best by similarity first; then, if those are too few, the near misses the same way
    (by the trigram index of people, spaces and wiki pages)."""
    rules = _rules_sql(user, kinds)
    # The start of every word typed, among the words of the title (migration 0007); the words
    # are letters and digits only.
    starts = " & ".join(f"{word}:*" for word in words)
    found = _suggested_pg(query, rules, STARTS, starts, limit)
    if len(found) < limit:
        # A near miss: what was typed is like a run of words of the title (word similarity
        # at least pg_trgm.word_similarity_threshold, set for Plein's connections).
        near = {key: rule for key, rule in rules.items() if key in NEAR_KINDS}
        seen = {entry.pk for entry in found}
        more = _suggested_pg(query, near, "%s <%% title", query, limit)
        found += [entry for entry in more if entry.pk not in seen][: limit - len(found)]
    return found


def _suggested_pg(
    query: str, rules: dict[str, tuple[str, list[Any]]], condition: str, value: str, limit: int
) -> list[SearchEntry]:
    if not rules:
        return []
    columns = ", ".join(f"{TABLE}.{column}" for column in SUGGESTED_COLUMNS)
    branches, params = [], []
    for key, (rule, rule_params) in rules.items():
        # Built from this module's constants and the rules' own compiled SQL; every value is a
        # parameter.
        candidates = (
            f"SELECT id FROM {TABLE} WHERE suggest AND kind = %s AND {condition}"  # noqa: S608
            f" LIMIT {int(SUGGEST_CANDIDATES)}"
        )
        branches.append(
            f"(SELECT {columns}, similarity({TABLE}.title, %s) FROM {TABLE}"  # noqa: S608
            f" WHERE {TABLE}.id = ANY(ARRAY({candidates})) AND {_per_row(rule)}"
            f" ORDER BY 7 DESC, {TABLE}.title, {TABLE}.id LIMIT {int(limit)})"
        )
        params += [query, key, value, *rule_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        rows = sorted(cursor.fetchall(), key=lambda row: (-row[6], row[3], row[0]))[:limit]
    return [SearchEntry(**dict(zip(SUGGESTED_COLUMNS, row[:6], strict=True))) for row in rows]


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
