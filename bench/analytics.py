"""Time adoption analytics for a big organisation: recording, the nightly roll-up, the dashboard.

    .venv/bin/python bench/analytics.py          # SQLite: 2,000 people, 200,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/plein .venv/bin/python bench/analytics.py
                                                  # PostgreSQL: 10,000 people, 10,000,000 events
    .venv/bin/python bench/analytics.py --tiny   # a smoke test: 60 people, 3,000 events

It builds its own database (PostgreSQL: `plein_bench_analytics` on the server of
--database-url, dropped and made again; SQLite: a file in a temporary directory), so it never
touches a real one. People and the event history are written with raw inserts (COPY on
PostgreSQL).

Figures:
- recording: events per second through the real path, record() into a request's buffer and
  one bulk INSERT per "request" (--per-request events each), on a sample (--sample), and the
  time a request itself spends on it (the INSERT runs after the response is sent);
- the roll-up of one night (the last day) and of the whole history (--days days);
- the dashboard page (adoption:dashboard, server-side, django.test.Client in-process): p50/p95
  and queries, after a tenth of the events (1M on PostgreSQL) and after all of them, to show it
  does not grow with the number of events (it reads GroupDay only).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import os
import random
import shutil
import statistics
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import Loader, prepare_database

BENCH_DATABASE = "plein_bench_analytics"
# Kinds and how often each happens; weights roughly as on a live intranet.
KINDS = [
    ("visit", 24),
    ("view", 50),
    ("search", 4),
    ("reaction", 10),
    ("comment", 4),
    ("post", 2),
    ("vote", 2),
    ("read", 1),
    ("rsvp", 1),
    ("upload", 1),
    ("edit", 1),
]
SUBJECTS = {"view": "posts", "post": "post", "comment": "post", "reaction": "post"}


def _people(load: Loader, count: int, rng: random.Random, now: datetime) -> list[int]:
    """Departments (about 50 people each, under a few top ones), 10 locations, people with
    managers; 85% have logged in. Returns the ids."""
    from django.contrib.auth.hashers import make_password

    from plein.people.models import Department, Location, Person

    tops = max(1, count // 1000)
    departments = max(tops + 1, count // 50)
    load.insert(
        Location._meta.db_table,
        ["id", "name", "address"],
        ((n, f"Locatie {n}", "") for n in range(1, 11)),
    )
    load.insert(
        Department._meta.db_table,
        ["id", "name", "parent_id", "code"],
        (
            (n, f"Afdeling {n}", None if n <= tops else 1 + n % tops, f"A{n}")
            for n in range(1, departments + 1)
        ),
    )
    password = make_password("bench")
    joined = load.moment(now - timedelta(days=800))
    rows = []
    for n in range(1, count + 1):
        department = 1 + n % departments
        manager = None if n <= departments else 1 + n % departments
        last_login = load.moment(now - timedelta(days=rng.randint(0, 30)))
        rows.append(
            (n, password, load.false, f"collega{n}@example.org", f"Voornaam{n}", "",
             f"Achternaam{n}", f"B{n:06d}", "Adviseur" if n % 3 else "", "", "", "", "",
             load.false, load.true, joined, department, 1 + n % 10, manager,
             last_login if rng.random() < 0.85 else None)
        )  # fmt: skip
    load.insert(
        Person._meta.db_table,
        ["id", "password", "is_superuser", "email", "first_name", "name_prefix", "last_name",
         "employee_number", "job_title", "phone", "bio", "photo", "language", "is_staff",
         "is_active", "date_joined", "department_id", "location_id", "manager_id",
         "last_login"],
        rows,
    )  # fmt: skip
    return list(range(1, count + 1))


def _events(
    load: Loader, count: int, people: list[int], days: list, rng: random.Random, first_id: int
) -> int:
    """`count` events spread over `days` (weekdays busier), by people of differing keenness."""
    from django.utils import timezone

    from plein.adoption.models import UsageEvent

    keen = [rng.betavariate(1.2, 3) for _ in people]
    weights = [0.1 if day.weekday() >= 5 else 1.0 for day in days]
    per_day = [count * w / sum(weights) for w in weights]
    kinds = [k for k, _ in KINDS]
    kind_weights = [w for _, w in KINDS]
    starts = [timezone.make_aware(datetime.combine(day, datetime.min.time())) for day in days]

    def rows():  # type: ignore[no-untyped-def]
        pk = first_id
        written = 0
        for index, start in enumerate(starts):
            n = round(per_day[index]) if index < len(starts) - 1 else count - written
            who = rng.choices(people, weights=keen, k=n)
            what = rng.choices(kinds, weights=kind_weights, k=n)
            for person, kind in zip(who, what, strict=True):
                moment = start + timedelta(seconds=8 * 3600 + rng.randint(0, 10 * 3600))
                yield (pk, load.moment(moment), person, kind, SUBJECTS.get(kind, ""),
                       rng.randint(1, 100_000) if kind in SUBJECTS else None, "", None)  # fmt: skip
                pk += 1
                written += 1

    return load.insert(
        UsageEvent._meta.db_table,
        ["id", "at", "person_id", "kind", "subject", "object_id", "detail", "count"],
        rows(),
    )


def _after_loading() -> None:
    """Sequences past the ids the raw inserts used, and fresh planner statistics."""
    from django.core.management.color import no_style
    from django.db import connection

    from plein.adoption.models import UsageEvent
    from plein.people.models import Department, Location, Person

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [Person, Department, Location, UsageEvent]
        ):
            cursor.execute(statement)
    _analyze()


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _recording(people: list[int], sample: int, per_request: int) -> tuple[float, float]:
    """Events per second through the real path: record() into a request's buffer, then the one
    INSERT the middleware runs after the response is sent; and the microseconds a request
    itself spends on it (record() only)."""
    from plein.adoption import events
    from plein.adoption.models import Kind, UsageEvent
    from plein.people.models import Person

    persons = list(Person.objects.filter(pk__in=people[:500]))
    before = UsageEvent.objects.count()
    in_request = 0.0
    started = time.perf_counter()
    done = 0
    while done < sample:
        person = persons[done // per_request % len(persons)]
        began = time.perf_counter()
        with events.collecting() as recorded:
            for n in range(per_request):
                events.record(person, Kind.VIEW, subject="posts", object_id=n)
        in_request += time.perf_counter() - began
        events.write(recorded)
        done += per_request
    seconds = time.perf_counter() - started
    assert UsageEvent.objects.count() - before == done
    return done / seconds, in_request / (done / per_request) * 1_000_000


def _roll_up(days: list) -> tuple[float, float]:
    """Seconds for the last night, and for the whole history."""
    from plein.adoption import rollups

    started = time.perf_counter()
    for day in days:
        rollups.rollup_day(day)
    whole = time.perf_counter() - started
    started = time.perf_counter()
    rollups.rollup_day(days[-1])
    night = time.perf_counter() - started
    return night, whole


def _dashboard(client, repeat: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.urls import reverse

    url = reverse("adoption:dashboard")
    for _ in range(3):
        assert client.get(url).status_code == 200
    counted = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(times), p95, len(counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--people", type=int)
    parser.add_argument("--events", type=int)
    parser.add_argument("--days", type=int, help="days of history (default 365; tiny 35)")
    parser.add_argument("--sample", type=int, help="events recorded through record()")
    parser.add_argument("--per-request", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tiny", action="store_true", help="a smoke test, seconds")
    args = parser.parse_args()
    engine, tmp = prepare_database(
        args.database_url, database=BENCH_DATABASE, prefix="plein-bench-analytics-"
    )
    big = engine == "postgresql" and not args.tiny
    people_count = args.people or (60 if args.tiny else 10_000 if big else 2_000)
    total = args.events or (3_000 if args.tiny else 10_000_000 if big else 200_000)
    history = args.days or (35 if args.tiny else 365)
    sample = args.sample or (500 if args.tiny else min(100_000, max(1_000, total // 10)))
    repeat = 3 if args.tiny else args.repeat

    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Max
    from django.test import Client
    from django.utils import timezone

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(args.seed)
        load = Loader()
        now = datetime.now(UTC)
        started = time.perf_counter()
        people = _people(load, people_count, rng, now)
        from plein.adoption.models import GroupDay, PersonDay, UsageEvent
        from plein.launch.models import LaunchPlan
        from plein.people.models import Person

        today = timezone.localdate()
        days = [today - timedelta(days=n) for n in range(history, 0, -1)]
        launched = timezone.make_aware(datetime.combine(days[0], datetime.min.time()))
        LaunchPlan.objects.update_or_create(
            pk=LaunchPlan.SINGLETON_PK,
            defaults={"phase": "launched", "launch_date": launched, "launched_at": launched},
        )
        first = max(1, total // 10)
        loaded = _events(load, first, people, days, rng, first_id=1)
        _after_loading()
        print(
            f"{engine}: {people_count:,} people, {loaded:,} events over {history} days; "
            f"loaded in {time.perf_counter() - started:.0f} s"
        )
        rate, request_us = _recording(people, sample, args.per_request)

        manager = Person.objects.get(pk=1)
        manager.groups.add(Group.objects.get(name="community_manager"))
        client = Client()
        client.force_login(manager)

        results = []
        for step in ("first", "all"):
            if step == "all":
                started = time.perf_counter()
                next_id = (UsageEvent.objects.aggregate(last=Max("id"))["last"] or 0) + 1
                loaded += _events(load, total - first, people, days, rng, first_id=next_id)
                _after_loading()
                print(f"  loaded {loaded:,} events in {time.perf_counter() - started:.0f} s")
            night, whole = _roll_up(days)
            _analyze()
            p50, p95, queries = _dashboard(client, repeat)
            results.append((loaded, night, whole, p50, p95, queries))

        print(
            f"\nrecording: {rate:,.0f} events/s through record() + one INSERT per request "
            f"({sample:,} events, {args.per_request} per request); a request itself spends "
            f"{request_us:.0f} µs on it (the INSERT runs after its response is sent)"
        )
        print(
            f"roll-up rows: {PersonDay.objects.count():,} person-days, "
            f"{GroupDay.objects.count():,} group-days"
        )
        print(
            f"\n{'events':>12}{'night s':>10}{'history s':>11}{'dash p50 ms':>13}"
            f"{'dash p95 ms':>13}{'queries':>9}"
        )
        for loaded_then, night, whole, p50, p95, queries in results:
            print(
                f"{loaded_then:>12,}{night:>10.2f}{whole:>11.1f}{p50:>13.1f}{p95:>13.1f}"
                f"{queries:>9}"
            )
        (_, _, _, _, p95_small, q_small), (_, _, _, _, p95_big, q_big) = results
        ok = q_small == q_big and p95_big <= max(1.5 * p95_small, p95_small + 20)
        print(
            f"\n{'PASS' if ok else 'FAIL'}  dashboard does not grow with the events "
            f"(p95 {p95_small:.1f} -> {p95_big:.1f} ms, queries {q_small} -> {q_big})"
        )
        print(
            f"\n(dashboard: {repeat} requests after 3 warm-ups; django.test.Client, "
            f"in-process; {connection.vendor}, DEBUG off.)"
        )
    finally:
        connection.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
