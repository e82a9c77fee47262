"""Time the activity streams of a big organisation, server-side, against a floor.

    .venv/bin/python bench/feed.py              # SQLite: 2,000 people, 100 spaces, 100,000 posts
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/plein .venv/bin/python bench/feed.py
                                                 # PostgreSQL: 10,000 people, 500 spaces, 1M posts
    .venv/bin/python bench/feed.py --people 500 --spaces 20 --posts 5000 --repeat 20

It builds its own database (PostgreSQL: `plein_bench` on the server of --database-url, dropped and
made again; SQLite: a file in a temporary directory), so it never touches a real one. Data is
written with raw inserts (COPY on PostgreSQL): people, spaces with members, follows, posts (most
in spaces, some on profiles, a few announcements) with comments, reactions, hashtags and follows.

Then, in-process with django.test.Client (so: server-side time, no network), for an ordinary
member of a handful of spaces who follows ten colleagues, it times each page `--repeat` times
after a warm-up and counts its queries:

- floor: a bench-only view that renders base.html and nothing else (with the logged-in
  user's context processors: whatever queries the layout needs are counted and shown);
- the start page (/) and the home stream (/posts/), its 50th page (?before=<cursor>);
- a space (/spaces/<slug>/) and posting a message (POST /posts/new/).

Targets (from the issue): home-feed p95 at most 4x the floor's p95; the 50th page within 1.2x
the first; queries per page the same for 10, 20 and 50 items and for 1,000 and all posts.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import bisect
import io
import json
import os
import random
import shutil
import statistics
import tempfile
import time
import types
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = "plein_bench"
FIRST_CHUNK = 1000  # posts loaded before the "few posts" query count
CHUNK = 50_000
SPAN_DAYS = 730
HASHTAGS = [f"onderwerp{n}" for n in range(50)]
BODIES = [
    "Wie gaat er mee naar de informatiebijeenkomst over de Omgevingswet?",
    "Het teamoverleg van dinsdag verschuift naar 14.30 uur in de Raadzaal.",
    "Er staat gebak in de kantine: vandaag 12,5 jaar in dienst!",
    "De nieuwe werkinstructie staat online, graag even lezen voor het overleg.",
    "Mooie ronde vandaag met elf lopers. Volgende week de 8 kilometer.",
    "Welkom aan onze nieuwe collega die maandag begint!",
    "Het zaaksysteem is donderdagavond niet beschikbaar vanwege onderhoud.",
    "Trots op ons team: de nieuwe aanvraagpagina is live.",
]
COMMENTS = ["Goed idee!", "Dank voor het delen.", "Ik ben erbij!", "Hoe laat precies?", "Top!"]
KINDS = ["like", "like", "like", "love", "celebrate", "insightful", "funny"]


# --- The database ------------------------------------------------------------------------------


def prepare_database(
    url: str | None,
    *,
    database: str = BENCH_DATABASE,
    prefix: str = "plein-bench-feed-",
    fresh: bool = True,
) -> tuple[str, Path]:
    """Environment for Django pointing at a fresh bench database (`database` on the PostgreSQL
    server of `url`, else a new SQLite file); returns (engine, temp dir). Not `fresh`: the
    PostgreSQL database a previous run left, as it is."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    if url and not fresh:
        parts = urlsplit(url)
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{database}"))
        engine = "postgresql"
    elif url:
        import psycopg

        parts = urlsplit(url)
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {database}")
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{database}"))
        engine = "postgresql"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        engine = "sqlite"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="plein.config.settings",
        PLEIN_ENV="development",
        DEBUG="false",  # as in production: no debug templates, no query log
        ALLOWED_HOSTS="testserver,localhost",
        PLEIN_VAR_DIR=str(tmp),
        MEDIA_ROOT=str(tmp / "media"),
    )
    os.environ.pop("REDIS_URL", None)
    return engine, tmp


class Loader:
    """Raw inserts of prepared rows: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.true, self.false = ("t", "f") if self.pg else (1, 0)

    def moment(self, value: datetime) -> str:
        if self.pg:
            return value.isoformat()
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        count = 0
        with self.connection.cursor() as cursor:
            if self.pg:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    buffer = io.StringIO()
                    for row in rows:
                        buffer.write(
                            "\t".join("\\N" if value is None else str(value) for value in row)
                        )
                        buffer.write("\n")
                        count += 1
                        if count % 20_000 == 0:
                            copy.write(buffer.getvalue())
                            buffer = io.StringIO()
                    copy.write(buffer.getvalue())
            else:
                marks = ", ".join("?" * len(columns))
                rows = list(rows)
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
                count = len(rows)
        return count


class Organisation:
    """Generates the organisation in chunks, so that queries can be counted at 1,000 posts."""

    def __init__(self, rng: random.Random, people: int, spaces: int, loader: Loader) -> None:
        self.rng, self.people, self.spaces, self.load = rng, people, spaces, loader
        self.total = 0  # posts the organisation will have
        self.now = datetime.now(UTC)
        self.next_post = self.next_comment = self.next_reaction = 1
        self.members: dict[int, list[int]] = {}
        self.kinds: dict[int, str] = {}
        self.counts = {"posts": 0, "comments": 0, "reactions": 0}
        # What a person is called and what a post says; bench/search.py varies both.
        self.name: Callable[[int], tuple[str, str, str]] = lambda n: (
            f"Voornaam{n}",
            "",
            f"Achternaam{n}",
        )
        self.text: Callable[[int], str] = lambda pk: BODIES[pk % len(BODIES)]

    def people_and_spaces(self) -> int:
        """Everyone, their spaces and whom they follow; returns the bench member's id."""
        from django.contrib.auth.hashers import make_password

        from plein.people.models import Person
        from plein.posts.models import Hashtag, PersonFollow
        from plein.spaces.models import Membership, Space

        rng, load = self.rng, self.load
        # The rows below have fixed ids; the (empty) help space a migration made goes first.
        Space.objects.all().delete()
        password = make_password("bench")
        joined = load.moment(self.now - timedelta(days=SPAN_DAYS + 30))
        load.insert(
            Person._meta.db_table,
            [
                "id",
                "password",
                "is_superuser",
                "email",
                "first_name",
                "name_prefix",
                "last_name",
                "employee_number",
                "job_title",
                "phone",
                "bio",
                "photo",
                "language",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            (
                (
                    n,
                    password,
                    load.false,
                    f"collega{n}@example.org",
                    *self.name(n),
                    f"B{n:06d}",
                    "Adviseur",
                    "",
                    "",
                    "",
                    "",
                    load.false,
                    load.true,
                    joined,
                )
                for n in range(1, self.people + 1)
            ),
        )
        kinds = ["open"] * 7 + ["closed"] * 2 + ["secret"]
        self.kinds = {s: "open" if s == 1 else kinds[s % 10] for s in range(1, self.spaces + 1)}
        load.insert(
            Space._meta.db_table,
            [
                "id",
                "name",
                "slug",
                "description",
                "image",
                "kind",
                "is_default_for_everyone",
                "created_at",
                "updated_at",
            ],
            (
                (
                    s,
                    "Koffiecorner" if s == 1 else f"Ruimte {s}",
                    "koffiecorner" if s == 1 else f"ruimte-{s}",
                    "",
                    "",
                    kind,
                    load.true if s == 1 else load.false,
                    joined,
                    joined,
                )
                for s, kind in self.kinds.items()
            ),
        )
        # Everyone is in the coffee corner and in a few other spaces; the bench member (1) in
        # five, two of them closed or secret.
        members: dict[int, set[int]] = {s: set() for s in self.kinds}
        members[1] = set(range(1, self.people + 1))
        others = list(range(2, self.spaces + 1))
        for person in range(2, self.people + 1):
            for space in rng.sample(others, min(rng.randint(1, 6), len(others))):
                members[space].add(person)
        closed = [s for s in others if self.kinds[s] != "open"]
        opened = [s for s in others if self.kinds[s] == "open"]
        mine = rng.sample(closed, min(2, len(closed))) + rng.sample(opened, min(3, len(opened)))
        for space in mine:
            members[space].add(1)
        self.members = {s: sorted(people) or [1] for s, people in members.items()}
        membership_id = iter(range(1, 10**9))
        load.insert(
            Membership._meta.db_table,
            ["id", "space_id", "person_id", "role", "state", "created_at", "updated_at"],
            (
                (next(membership_id), s, p, "member", "member", joined, joined)
                for s, people in self.members.items()
                for p in people
            ),
        )
        follows = set()
        for person in range(1, self.people + 1):
            for other in rng.sample(range(1, self.people + 1), min(10, self.people)):
                if other != person:
                    follows.add((person, other))
        load.insert(
            PersonFollow._meta.db_table,
            ["id", "follower_id", "followed_id", "created_at"],
            ((n, a, b, joined) for n, (a, b) in enumerate(sorted(follows), start=1)),
        )
        load.insert(
            Hashtag._meta.db_table,
            ["id", "name"],
            ((n, name) for n, name in enumerate(HASHTAGS, start=1)),
        )
        # Busy spaces and quiet ones: space s gets a share of about 1/s of the posts.
        self.space_ids = list(self.kinds)
        self.cumulative = list(accumulate(1 / s for s in self.space_ids))
        return 1

    def posts(self, count: int, total: int) -> None:
        """`count` more posts (of `total`), each moment later than the ones before."""
        from plein.posts.models import Comment, Post, PostFollow, Reaction

        rng, load = self.rng, self.load
        posts, comments, reactions, tags, follows = [], [], [], [], []
        top = self.cumulative[-1]
        step = SPAN_DAYS * 86400 / total
        start = self.now - timedelta(days=SPAN_DAYS)
        for _ in range(count):
            pk = self.next_post
            self.next_post += 1
            # Every tenth post shares its moment with the one before, to test the cursor.
            moment = start + timedelta(seconds=step * (pk - (pk % 10 == 0)))
            roll = rng.random()
            announcement = roll < 0.0005
            space = (
                None
                if roll < 0.15
                else self.space_ids[bisect.bisect(self.cumulative, rng.random() * top)]
            )
            audience = self.members[space] if space else self.members[1]
            author = rng.choice(audience)
            when = load.moment(moment)
            follows.append((pk, author, pk, "following", when))
            if pk % 10 == 3:
                tags.append((pk, pk, 1 + pk % len(HASHTAGS)))
            comment_count = int(rng.expovariate(1 / 1.2))
            for _c in range(comment_count):
                commenter = rng.choice(audience)
                text = COMMENTS[self.next_comment % len(COMMENTS)]
                later = load.moment(moment + timedelta(minutes=rng.randint(1, 600)))
                comments.append((self.next_comment, pk, commenter, text, f"<p>{text}</p>", later))
                self.next_comment += 1
            reactors = int(rng.expovariate(1 / 1.2))
            by_kind: dict[str, int] = {}
            for person in rng.sample(audience, min(reactors, len(audience))):
                kind = rng.choice(KINDS)
                by_kind[kind] = by_kind.get(kind, 0) + 1
                reactions.append((self.next_reaction, person, pk, kind, when))
                self.next_reaction += 1
            # The counters a post card shows, as services.py keeps them.
            body = self.text(pk)
            posts.append(
                (pk, author, space, load.true if announcement else load.false,
                 body, f"<p>{body}</p>", "", "", "", when,
                 comment_count, sum(by_kind.values()), json.dumps(by_kind), 0, 0,
                 "post", "", load.false)
            )  # fmt: skip
        load.insert(
            Post._meta.db_table,
            [
                "id",
                "author_id",
                "space_id",
                "is_announcement",
                "body",
                "body_html",
                "link_url",
                "link_title",
                "link_description",
                "created_at",
                "comment_count",
                "reaction_count",
                "reaction_counts",
                "image_count",
                "attachment_count",
                "kind",
                "title",
                "is_targeted",
            ],
            posts,
        )
        load.insert(
            Comment._meta.db_table,
            ["id", "post_id", "author_id", "body", "body_html", "created_at"],
            comments,
        )
        load.insert(
            Reaction._meta.db_table,
            ["id", "person_id", "post_id", "kind", "created_at"],
            reactions,
        )
        load.insert(Post.hashtags.through._meta.db_table, ["id", "post_id", "hashtag_id"], tags)
        load.insert(
            PostFollow._meta.db_table,
            ["id", "person_id", "post_id", "state", "created_at"],
            follows,
        )
        self.counts["posts"] += len(posts)
        self.counts["comments"] += len(comments)
        self.counts["reactions"] += len(reactions)


def _after_load() -> None:
    """Sequences after the explicit ids, and fresh planner statistics."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = [
        m
        for label in ("people", "spaces", "posts")
        for m in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        if connection.vendor == "postgresql" or os.environ.get("BENCH_SQLITE_ANALYZE"):
            cursor.execute("ANALYZE")


def begin(
    engine: str,
    args: argparse.Namespace,
    prepare: Callable[[Organisation], None] | None = None,
) -> tuple[Loader, Organisation, int]:
    """Migrate, add the floor page, and load people, spaces and the first FIRST_CHUNK posts of
    the organisation `args` describes (its sizes default to the database's: big on PostgreSQL;
    `prepare` may change it first);
    returns the loader, the organisation (its `total` posts still to load) and the member."""
    from django.core.management import call_command

    big = engine == "postgresql"
    people = args.people or (10_000 if big else 2_000)
    spaces = args.spaces or (500 if big else 100)
    call_command("migrate", verbosity=0)
    _install_floor()
    loader = Loader()
    organisation = Organisation(random.Random(args.seed), people, spaces, loader)
    organisation.total = args.posts or (1_000_000 if big else 100_000)
    if prepare is not None:  # before anything is loaded: e.g. other names and texts
        prepare(organisation)
    member_id = organisation.people_and_spaces()
    organisation.posts(min(FIRST_CHUNK, organisation.total), organisation.total)
    _after_load()
    return loader, organisation, member_id


# --- Measuring ---------------------------------------------------------------------------------


def _floor(request: Any) -> Any:
    from django.shortcuts import render

    return render(request, "base.html")


def _install_floor() -> None:
    """A bench-only URL configuration: Plein's URLs plus /bench-floor/."""
    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    module = types.ModuleType("plein_bench_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench-floor/", _floor, name="bench_floor"),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


class Page:
    def __init__(self, name: str, request: Callable[[], Any]) -> None:
        self.name, self.request = name, request
        self.times: list[float] = []
        self.queries = 0
        self.sql_ms = 0.0

    def run(self, repeat: int) -> Page:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for _ in range(3):
            self._check(self.request())
        with CaptureQueriesContext(connection) as context:
            self._check(self.request())
        self.queries = len(context.captured_queries)
        self.sql_ms = sum(float(query["time"]) for query in context.captured_queries) * 1000
        for _ in range(repeat):
            started = time.perf_counter()
            self.request()
            self.times.append((time.perf_counter() - started) * 1000)
        return self

    def _check(self, response: Any) -> None:
        if response.status_code not in (200, 302):
            raise SystemExit(f"{self.name}: HTTP {response.status_code}")

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class _Done:
    """Stands in for a response when a selector is timed on its own."""

    status_code = 200

    def __init__(self, result: object) -> None:
        self.result = result


def _queries(request: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = request()
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def _size_queries(client: Any) -> dict[int, int]:
    from django.test import override_settings

    counts = {}
    for size in (10, 20, 50):
        with override_settings(PLEIN_FEED_PAGE_SIZE=size):
            _queries(lambda: client.get("/posts/"))  # the first visit of a page size records
            counts[size] = _queries(lambda: client.get("/posts/"))
    return counts


def _cursor_of_page(member_id: int, page: int) -> str:
    from plein.people.models import Person
    from plein.posts import selectors

    cursor = None
    for _ in range(page - 1):
        result = selectors.home_feed(Person.objects.get(pk=member_id), cursor=cursor)
        cursor = result.next_cursor
        if cursor is None:
            raise SystemExit(f"the member's home stream has fewer than {page} pages")
    assert cursor is not None
    return cursor.encode()


def _explain(member_id: int, cursor: str | None) -> None:
    """The plan of the home stream's main query (EXPLAIN ANALYZE on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plein.people.models import Person
    from plein.posts import selectors

    with CaptureQueriesContext(connection) as context:
        selectors.home_feed(
            Person.objects.get(pk=member_id), cursor=selectors.Cursor.decode(cursor)
        )
    sql = next(q["sql"] for q in context.captured_queries if 'FROM "posts_post"' in q["sql"])
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as explain:
        explain.execute(prefix + sql)
        for row in explain.fetchall():
            print(f"  {row[0] if connection.vendor == 'postgresql' else row[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--people", type=int)
    parser.add_argument("--spaces", type=int)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="print the home query's plan")
    args = parser.parse_args()
    engine, tmp = prepare_database(args.database_url)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        started = time.perf_counter()
        _loader, organisation, member_id = begin(engine, args)
        people, spaces, total = organisation.people, organisation.spaces, organisation.total

        from plein.people.models import Person
        from plein.posts import selectors

        client = Client()
        client.force_login(Person.objects.get(pk=member_id))
        client.get("/posts/")  # the first visit records itself; count a usual one
        few_posts = _queries(lambda: client.get("/posts/"))
        loaded = organisation.counts["posts"]
        while loaded < total:
            organisation.posts(min(CHUNK, total - loaded), total)
            loaded = organisation.counts["posts"]
            print(f"  loaded {loaded:,} posts", end="\r", flush=True)
        _after_load()
        load_seconds = time.perf_counter() - started
        print(
            f"{engine}: {people:,} people, {spaces:,} spaces, {loaded:,} posts, "
            f"{organisation.counts['comments']:,} comments, "
            f"{organisation.counts['reactions']:,} reactions; loaded in {load_seconds:.0f} s"
        )

        # After a long load the first request records a new visit (session, usage event): count
        # a usual one, as at 1,000 posts.
        client.get("/posts/")
        many_posts = _queries(lambda: client.get("/posts/"))
        sizes = _size_queries(client)
        page50 = _cursor_of_page(member_id, 50)
        space = "koffiecorner"
        mine = next(
            s for s, members in organisation.members.items() if s != 1 and member_id in members
        )
        counter = iter(range(10**9))
        pages = [
            Page("floor (base.html)", lambda: client.get("/bench-floor/")),
            Page("start page /", lambda: client.get("/")),
            Page("home stream, page 1", lambda: client.get("/posts/")),
            Page("home stream, page 50", lambda: client.get(f"/posts/?before={page50}")),
            Page(f"space {space}", lambda: client.get(f"/spaces/{space}/")),
            Page(f"space ruimte-{mine}", lambda: client.get(f"/spaces/ruimte-{mine}/")),
            Page(
                "posting",
                lambda: client.post(
                    "/posts/new/",
                    {"body": f"Bench-bericht {next(counter)} #bench", "space": space},
                ),
            ),
        ]
        pages.insert(
            4,
            Page(
                "  (home_feed() alone)",
                lambda: _Done(selectors.home_feed(Person.objects.get(pk=member_id))),
            ),
        )
        for page in pages:
            page.run(args.repeat)
        floor = pages[0]
        with CaptureQueriesContext(connection) as context:
            client.get("/bench-floor/")
        print("\nThe floor's queries (base.html for a logged-in person):")
        for query in context.captured_queries:
            print(f"  {query['sql'][:110]}")
        print(
            f"\n{'page':<24}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'SQL ms':>9}{'p95/floor':>11}"
        )
        for page in pages:
            ratio = page.p95 / floor.p95
            print(
                f"{page.name:<24}{page.p50:>9.1f}{page.p95:>9.1f}{page.queries:>9}"
                f"{page.sql_ms:>9.1f}{ratio:>10.1f}x"
            )
        home, later = pages[2], pages[3]
        targets = [
            (f"home p95 <= 4x floor p95 ({home.p95 / floor.p95:.1f}x)", home.p95 <= 4 * floor.p95),
            (
                f"page 50 p95 <= 1.2x page 1 ({later.p95 / home.p95:.2f}x)",
                later.p95 <= 1.2 * home.p95,
            ),
            (f"same queries for 10/20/50 items {sizes}", len(set(sizes.values())) == 1),
            (
                f"same queries for 1,000 and {loaded:,} posts ({few_posts} vs {many_posts})",
                few_posts == many_posts,
            ),
        ]
        print()
        for label, ok in targets:
            print(f"{'PASS' if ok else 'FAIL'}  {label}")
        if args.explain:
            for label, cursor in (("page 1", None), ("page 50", page50)):
                print(f"\nHome stream {label}, main query plan:")
                _explain(member_id, cursor)
        print(
            f"\n({args.repeat} requests per page after 3 warm-ups; django.test.Client, "
            f"in-process; {connection.vendor}, DEBUG off.)"
        )
    finally:
        connection.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
