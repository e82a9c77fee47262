"""Serve a big organisation over HTTP with gunicorn and measure the pages people open most.

    .venv/bin/python bench/http.py              # SQLite: 2,000 people, 100 spaces, 100,000 posts
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/plein .venv/bin/python bench/http.py
                                                 # PostgreSQL: 10,000 people, 500 spaces, 1M posts
    .venv/bin/python bench/http.py --save sqlite.json   # then, after a PostgreSQL run with --save:
    .venv/bin/python bench/http.py --compare sqlite.json postgresql.json

It builds its own database with the loader of bench/feed.py (PostgreSQL: `plein_bench_http` on
the server of --database-url, dropped and made again; SQLite: a file in a temporary directory)
and adds what the measured pages show: a quiet space as big as the busiest one, a post with ten
comments, news, events and notifications. Then it starts gunicorn (2 sync workers, production
settings, DEBUG off, behind a pretend TLS proxy), logs a member in through the login form and
runs a closed-loop load generator (--concurrency clients) over all pages in one run: rounds of
short slots, one page per slot, pages in a new random order each round. Per page it prints the
throughput, that throughput as a fraction of the floor's (the anonymous login page) and p50, p95
and p99 latency, with PASS/FAIL against the target (at least one third of the floor).

Afterwards, in-process (django.test.Client, as bench/feed.py), it times the same pages against a
base.html floor, counts their queries at 1,000 posts and at all posts, and on PostgreSQL runs
EXPLAIN (ANALYZE) on every SELECT of every page with JIT on, to show that none is JIT-compiled.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last
# (bench/feed.py is still found there).
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from feed import (
    Loader,
    Organisation,
    Page,
    _after_load,
    begin,
    prepare_database,
)

BENCH_DATABASE = "plein_bench_http"
ROOT = Path(__file__).resolve().parent.parent
FLOOR = "login page (anonymous, floor)"
MEMBER_EMAIL, PASSWORD = "collega1@example.org", "bench"


# --- Extra content for the measured pages -------------------------------------------------------


@dataclass
class Extras:
    quiet_space: str = ""
    post_id: int = 0
    profile_id: int = 0  # the editor: their posts are there at 1,000 posts and after


def add_extras(organisation: Organisation, member_id: int) -> Extras:
    """What the pages show beyond the stream: made through the services, as people would."""
    from django.utils import timezone

    from plein.events.services import EventData, event_create
    from plein.news.services import news_create
    from plein.people.models import Person
    from plein.posts.services import comment_create, post_create
    from plein.spaces.models import Membership, Space

    editor = Person.objects.get(pk=2)
    Person.objects.filter(pk=editor.pk).update(is_superuser=True)
    editor = Person.objects.get(pk=2)
    # A quiet space with as many members as the busiest one (everyone) and a few posts.
    quiet = Space.objects.create(name="Stilte", slug="stilte", kind=Space.Kind.OPEN)
    Membership.objects.bulk_create(
        Membership(space=quiet, person_id=p, role="member", state="member")
        for p in organisation.members[1]
    )
    for n in range(20):
        post_create(author=editor, body=f"Rustig bericht {n}", space=quiet)
    # A post with ten comments in the coffee corner, by ten colleagues.
    coffee = Space.objects.get(slug="koffiecorner")
    post = post_create(author=editor, body="Wie heeft er tips voor de kerstborrel? #borrel",
                       space=coffee)  # fmt: skip
    for n, person in enumerate(Person.objects.filter(pk__gt=2).order_by("pk")[:10]):
        comment_create(post=post, author=person, body=f"Reactie {n}: goed plan!")
    for n in range(30):
        news_create(author=editor, title=f"Nieuws {n}", lead="Kort nieuws.", body="Tekst.")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    for n in range(40):
        begins = start + timedelta(days=n // 2, hours=n % 2 * 3)
        data = EventData(title=f"Overleg {n}", description="Agenda volgt.", category="meeting",
                         location="Raadzaal", online_url="", starts_at=begins,
                         ends_at=begins + timedelta(hours=1))  # fmt: skip
        event_create(creator=editor, data=data)
    _continue_after_extras(organisation)
    return Extras(quiet_space=quiet.slug, post_id=post.pk, profile_id=editor.pk)


def _continue_after_extras(organisation: Organisation) -> None:
    """The loader writes explicit ids (a post's follow and hashtag rows take the post's id):
    continue after the rows the services made."""
    from django.db.models import Max

    from plein.posts.models import Comment, Post, PostFollow, Reaction

    def top(model: Any) -> int:
        return int(model.objects.aggregate(top=Max("pk"))["top"] or 0)

    organisation.next_post = 1 + max(top(Post), top(PostFollow), top(Post.hashtags.through))
    organisation.next_comment = 1 + top(Comment)
    organisation.next_reaction = 1 + top(Reaction)


def add_notifications(loader: Loader, people: int, *, count: int, unread: int, hours: int) -> int:
    """`count` notifications for everyone about random posts written so far (some in spaces the
    recipient cannot see), an hour apart ending `hours` ago, the latest `unread` of them unread;
    returns how many were written."""
    from django.core.management.color import no_style
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from plein.notifications.models import Notification
    from plein.posts.models import Post

    posts = list(Post.objects.values_list("pk", flat=True))
    first = 1 + int(Notification.objects.aggregate(top=Max("pk"))["top"] or 0)
    rng = random.Random(first)
    now = timezone.now()
    rows = (
        (
            first + (person - 1) * count + n,
            person,
            1 + (person % people),
            "reaction",
            rng.choice(posts),
            loader.moment(now - timedelta(hours=hours + count - n)),
            None if n >= count - unread else loader.moment(now),
        )
        for person in range(1, people + 1)
        for n in range(count)
    )
    written = loader.insert(
        Notification._meta.db_table,
        ["id", "recipient_id", "actor_id", "kind", "post_id", "created_at", "read_at"],
        rows,
    )
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Notification]):
            cursor.execute(statement)
    return written


def pages_of(extras: Extras) -> dict[str, str]:
    return {
        FLOOR: "/account/login/",
        "start page /": "/",
        "home stream /posts/": "/posts/",
        "busiest space": "/spaces/koffiecorner/",
        "quiet space, as big": f"/spaces/{extras.quiet_space}/",
        "post with 10 comments": f"/posts/{extras.post_id}/",
        "profile": f"/people/{extras.profile_id}/",
        "news list": "/news/",
        "agenda": "/agenda/",
    }


# --- The server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "REDIS_URL")}
    env.update(
        PLEIN_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PLEIN_VAR_DIR=str(tmp),
        SECURE_SSL_REDIRECT="false",
        USE_X_FORWARDED_PROTO="true",  # as behind the organisation's TLS proxy
    )
    return env


class Server:
    """gunicorn with `workers` sync workers on a free port, production settings."""

    def __init__(self, tmp: Path, workers: int) -> None:
        self.port = _free_port()
        self.env = server_environment(tmp)
        bin_dir = Path(sys.executable).parent
        subprocess.run(  # noqa: S603
            [str(bin_dir / "plein"), "collectstatic", "--noinput", "-v", "0"],
            env=self.env,
            check=True,
        )
        self.process = subprocess.Popen(  # noqa: S603
            [str(bin_dir / "gunicorn"), "plein.config.wsgi:application",
             "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning"],
            env=self.env,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.port, "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


# --- The client ---------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes
    cookies: dict[str, str]
    location: str


def request(
    port: int,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Answer:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    host = f"127.0.0.1:{port}"
    headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Language": "nl"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{host}",
                "Referer": f"https://{host}{path}",
            }
        )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST" if form is not None else "GET", path, body, headers)
        response = connection.getresponse()
        data = response.read()
        jar = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
        return Answer(response.status, data, jar, response.headers.get("Location", ""))
    finally:
        connection.close()


def log_in(port: int) -> dict[str, str]:
    """The member's cookies after logging in through the login form."""
    page = request(port, "/account/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or token is None:
        raise SystemExit(f"login page: HTTP {page.status}, no CSRF token")
    cookies = dict(page.cookies)
    answer = request(
        port,
        "/account/login/",
        cookies=cookies,
        form={
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": MEMBER_EMAIL,
            "password": PASSWORD,
        },
    )
    cookies.update(answer.cookies)
    if answer.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"logging in failed: HTTP {answer.status}")
    return cookies


@dataclass
class Load:
    name: str
    path: str
    anonymous: bool
    times: list[float] = field(default_factory=list)
    done: int = 0
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def hammer(port: int, load: Load, cookies: dict[str, str], clients: int, seconds: float) -> None:
    """`clients` clients request the page back to back for `seconds` (a closed loop)."""
    stop_at = time.perf_counter() + seconds
    lock = threading.Lock()
    failures: list[str] = []

    def client() -> None:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            answer = request(port, load.path, cookies=None if load.anonymous else cookies)
            took = (time.perf_counter() - started) * 1000
            if answer.status != 200:
                failures.append(f"{load.path}: HTTP {answer.status} {answer.location}")
                return
            with lock:
                load.times.append(took)
                load.done += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.seconds += time.perf_counter() - started
    if failures:
        raise SystemExit(failures[0])


def run_load(port: int, pages: dict[str, str], args: argparse.Namespace) -> list[Load]:
    cookies = log_in(port)
    loads = [Load(name, path, anonymous=name == FLOOR) for name, path in pages.items()]
    for load in loads:  # warm up every worker on every page
        for _ in range(2 * args.workers):
            answer = request(port, load.path, cookies=None if load.anonymous else cookies)
            if answer.status != 200:
                raise SystemExit(f"{load.name} ({load.path}): HTTP {answer.status}")
    rng = random.Random(args.seed)
    for round_number in range(args.rounds):
        order = loads[:]
        rng.shuffle(order)
        for load in order:
            hammer(port, load, cookies, args.concurrency, args.seconds)
        print(f"  round {round_number + 1} of {args.rounds} done", end="\r", flush=True)
    print()
    return loads


def print_loads(loads: list[Load]) -> list[tuple[str, bool]]:
    floor = loads[0]
    print(f"\n{'page':<32}{'req/s':>8}{'of floor':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for load in loads:
        share = load.throughput / floor.throughput
        print(
            f"{load.name:<32}{load.throughput:>8.1f}{share:>10.2f}{load.percentile(0.5):>9.1f}"
            f"{load.percentile(0.95):>9.1f}{load.percentile(0.99):>9.1f}"
        )
    return [
        (
            f"{load.name}: {load.throughput / floor.throughput:.2f} of the floor's throughput "
            f"(target at least 0.33)",
            load.throughput * 3 >= floor.throughput,
        )
        for load in loads[1:]
    ]


# --- In-process ---------------------------------------------------------------------------------

IN_PROCESS_LIMITS = {"start page /": 4.0}  # the others: at most 3x the floor


def in_process(pages: dict[str, str], member_id: int, repeat: int) -> list[tuple[str, bool]]:
    """The feed benchmark's in-process timings of the same pages against a base.html floor."""
    from django.test import Client

    from plein.people.models import Person

    client = Client()
    client.force_login(Person.objects.get(pk=member_id))
    timed = [Page("floor (base.html)", lambda: client.get("/bench-floor/"))]
    for name, path in list(pages.items())[1:]:
        timed.append(Page(name, lambda path=path: client.get(path)))  # type: ignore[misc]
    for page in timed:
        page.run(repeat)
    floor = timed[0]
    print(f"\n{'page (in-process)':<32}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'p95/floor':>11}")
    for page in timed:
        print(
            f"{page.name:<32}{page.p50:>9.1f}{page.p95:>9.1f}{page.queries:>9}"
            f"{page.p95 / floor.p95:>10.1f}x"
        )
    return [
        (
            f"in-process {page.name}: p95 {page.p95 / floor.p95:.1f}x the floor "
            f"(target at most {IN_PROCESS_LIMITS.get(page.name, 3.0):.0f}x)",
            page.p95 <= IN_PROCESS_LIMITS.get(page.name, 3.0) * floor.p95,
        )
        for page in timed[1:]
    ]


def query_counts(pages: dict[str, str], member_id: int) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plein.people.models import Person

    client = Client()
    client.force_login(Person.objects.get(pk=member_id))
    counts = {}
    for name, path in list(pages.items())[1:]:
        client.get(path)  # a first visit may record something once
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{name} ({path}): HTTP {response.status_code}")
        counts[name] = len(context.captured_queries)
    return counts


def jit_check(pages: dict[str, str], member_id: int) -> list[tuple[str, bool]]:
    """EXPLAIN (ANALYZE) every SELECT of every page with JIT on: the most expensive plan per
    page, and whether any query was JIT-compiled."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plein.people.models import Person

    client = Client()
    client.force_login(Person.objects.get(pk=member_id))
    with connection.cursor() as cursor:
        cursor.execute("SET jit = on")
        cursor.execute("SHOW jit_above_cost")
        threshold = float(cursor.fetchone()[0])
    print(f"\n{'page: plans with JIT on':<32}{'queries':>9}{'max cost':>12}{'JIT':>6}")
    results = []
    for name, path in list(pages.items())[1:]:
        with CaptureQueriesContext(connection) as context:
            client.get(path)
        worst, jitted = 0.0, 0
        for query in context.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            plan = plan if isinstance(plan, list) else json.loads(plan)
            worst = max(worst, float(plan[0]["Plan"]["Total Cost"]))
            jitted += "JIT" in plan[0]
        print(f"{name:<32}{len(context.captured_queries):>9}{worst:>12.0f}{jitted:>6}")
        results.append(
            (f"{name}: no query JIT-compiled (highest plan cost {worst:.0f}, JIT above "
             f"{threshold:.0f})", jitted == 0)
        )  # fmt: skip
    return results


# --- Main ---------------------------------------------------------------------------------------


def build(args: argparse.Namespace, engine: str) -> tuple[int, Extras, dict[str, int], str]:
    """Load the organisation; returns the member, the extras, the query counts at 1,000 posts
    and a line describing the data."""
    started = time.perf_counter()
    loader, organisation, member_id = begin(engine, args)
    people, spaces, total = organisation.people, organisation.spaces, organisation.total
    extras = add_extras(organisation, member_id)
    # Three unread notifications each now; many more (all read) once everything is loaded.
    notifications = add_notifications(loader, people, count=5, unread=3, hours=0)
    few = query_counts(pages_of(extras), member_id)
    loaded = organisation.counts["posts"]
    while loaded < total:
        organisation.posts(min(50_000, total - loaded), total)
        loaded = organisation.counts["posts"]
        print(f"  loaded {loaded:,} posts", end="\r", flush=True)
    notifications += add_notifications(loader, people, count=25, unread=0, hours=24)
    _after_load()
    described = (
        f"{engine}: {people:,} people, {spaces + 1:,} spaces, {loaded:,} posts, "
        f"{organisation.counts['comments']:,} comments, {organisation.counts['reactions']:,} "
        f"reactions, {notifications:,} notifications; loaded in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return member_id, extras, few, described


def measure(args: argparse.Namespace) -> dict[str, Any]:
    engine, tmp = prepare_database(
        args.database_url, database=BENCH_DATABASE, prefix="plein-bench-http-"
    )
    import django

    django.setup()
    from django.db import connection

    try:
        member_id, extras, few, described = build(args, engine)
        print(described)
        pages = pages_of(extras)
        many = query_counts(pages, member_id)
        connection.close()  # gunicorn's workers open their own
        server = Server(tmp, args.workers)
        try:
            loads = run_load(server.port, pages, args)
        finally:
            server.stop()
        verdicts = print_loads(loads)
        verdicts += in_process(pages, member_id, args.repeat)
        verdicts += [
            (f"{name}: {few[name]} queries at 1,000 posts, {many[name]} at all",
             many[name] <= few[name])
            for name in many
        ]  # fmt: skip
        if engine == "postgresql":
            verdicts += jit_check(pages, member_id)
        print()
        for label, ok in verdicts:
            print(f"{'PASS' if ok else 'FAIL'}  {label}")
        print(
            f"\n({args.rounds} rounds of {args.seconds:g} s per page, {args.concurrency} clients, "
            f"gunicorn with {args.workers} sync workers; load average before: {args.load_before})"
        )
        return {
            "data": described,
            "pages": {
                load.name: {
                    "throughput": load.throughput,
                    "p50": load.percentile(0.5),
                    "p95": load.percentile(0.95),
                    "p99": load.percentile(0.99),
                }
                for load in loads
            },
        }
    finally:
        connection.close()
        shutil.rmtree(tmp, ignore_errors=True)


def compare(first: Path, second: Path) -> None:
    """Each page's throughput in two saved runs (e.g. SQLite and PostgreSQL)."""
    a, b = (json.loads(path.read_text()) for path in (first, second))
    print(f"A: {a['data']}\nB: {b['data']}\n")
    print(f"{'page':<32}{'A req/s':>9}{'B req/s':>9}{'B/A':>7}")
    for name, figures in a["pages"].items():
        other = b["pages"].get(name)
        if other:
            ratio = other["throughput"] / figures["throughput"]
            verdict = "PASS" if ratio >= 1 else "FAIL"
            print(
                f"{name:<32}{figures['throughput']:>9.1f}{other['throughput']:>9.1f}"
                f"{ratio:>7.2f}  {verdict}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--people", type=int)
    parser.add_argument("--spaces", type=int)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one slot")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=4, help="clients at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--repeat", type=int, default=30, help="in-process requests per page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, help="write the HTTP figures as JSON")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return
    args.load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    result = measure(args)
    if args.save:
        args.save.write_text(json.dumps(result, indent=1))
        print(f"Saved to {args.save}")


if __name__ == "__main__":
    main()
