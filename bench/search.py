"""Time site-wide search at size: the results page and the suggestions, for an ordinary member.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/plein .venv/bin/python bench/search.py
        # PostgreSQL: 10,000 people, 500 spaces, 1,000,000 posts, 100,000 documents
    .venv/bin/python bench/search.py
        # SQLite: 2,000 people, 100 spaces, 100,000 posts, 10,000 documents
    .venv/bin/python bench/search.py --people 300 --spaces 20 --posts 3000 --documents 300

It builds its own database with the loader of bench/feed.py (PostgreSQL: `plein_bench_search`,
dropped and made again; SQLite: a file in a temporary directory). Posts say one or two sentences
of Dutch prose (sentences as colleagues write them, with words swapped for others), some with a
rarer compound word; people have Dutch names; documents have a title, a description and a
version whose extracted text is a page of such prose. Everything is indexed through the search
app's own `search_reindex` (the rate is printed).

It measures twice: when a tenth of the posts and documents are loaded (100,000 posts on
PostgreSQL), and when all are. Each time, in-process with django.test.Client (server-side time,
no network), for the bench member (in five spaces, two of them closed or secret) it times the
results page for common words, rarer words, rare words, phrases, words to exclude and a typo,
and the suggestions as you type for names, titles and a typo, each `--repeat` times after a
warm-up, and counts their queries.

Targets (issue 16), at the full size on PostgreSQL: results page p95 <= 150 ms, suggestions p95
<= 40 ms, the same number of queries for every search and at both sizes, and each p95 at the
full size within 1.3x of its p95 at a tenth.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last
# (bench/feed.py is still found there).
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import os
import random
import re
import shutil
import time
from collections import Counter
from datetime import timedelta
from typing import Any

from feed import CHUNK, Loader, Organisation, Page, _after_load, begin, prepare_database

BENCH_DATABASE = "plein_bench_search"
SMALL_DATABASE = "plein_bench_search_tenth"  # --build-only: a copy at a tenth of the posts
# Sentences as colleagues write them (written for this bench).
PROSE = """
Het nieuwe intranet is de plek waar collega's nieuws, documenten en elkaar vinden.
De ambassadeurs helpen hun afdeling op weg met tips en een wekelijks vragenuur.
Vul het platform voor de lancering met nieuws, agenda en de belangrijkste documenten.
Managers geven het goede voorbeeld door zelf berichten te plaatsen en te reageren.
Wie gaat er mee naar de informatiebijeenkomst over de Omgevingswet in de raadzaal?
Het teamoverleg van dinsdag verschuift naar half drie in vergaderruimte De Linde.
Er staat gebak in de kantine omdat onze collega vandaag twaalf jaar in dienst is.
De nieuwe werkinstructie voor het zaaksysteem staat online, lees hem voor het overleg.
Mooie hardloopronde vandaag met elf lopers, volgende week lopen we acht kilometer.
Welkom aan onze nieuwe collega van de afdeling vergunningen die maandag begint.
Het zaaksysteem is donderdagavond niet beschikbaar vanwege gepland onderhoud.
Trots op ons team: de nieuwe aanvraagpagina voor parkeervergunningen is live.
Kan iemand mij helpen met het declareren van reiskosten in het personeelsportaal?
De thuiswerkvergoeding wordt vanaf januari automatisch met het salaris uitbetaald.
Denk aan de bedrijfshulpverlening: de herhalingscursus is op donderdag in het stadskantoor.
Onze wijkteams zoeken vrijwilligers voor de burendag in september.
De kerstborrel is dit jaar in het stadhuis, opgeven kan tot vrijdag bij het secretariaat.
Het klanttevredenheidsonderzoek laat zien dat inwoners sneller antwoord willen.
Wie heeft ervaring met het nieuwe roosterprogramma en wil zijn tips delen?
De printer op de tweede verdieping is weer gerepareerd, de toner is vervangen.
Vanaf volgende week werken we met flexplekken; reserveer je bureau via het intranet.
De jaarplanning van het sociaal domein staat in de documentenbibliotheek.
Graag jullie reactie op het concept van het nieuwe beleid voor duurzaam inkopen.
Het college heeft het voorstel voor de nieuwe sporthal in de wijk aangenomen.
Iedereen bedankt voor de geweldige inzet tijdens de verkiezingen van vorige week.
De cursus schrijven in begrijpelijke taal start weer, er zijn nog plaatsen vrij.
Let op: phishingmails met een nep-inlogpagina gaan rond, klik niet op de link.
De fietsenstalling onder het gemeentehuis is twee weken dicht voor renovatie.
Onze collega's van de buitendienst hebben de bladkorven in de wijken geleegd.
Wie wil aansluiten bij de lunchwandeling rond het park op woensdag?
Het onboardingprogramma voor nieuwe medewerkers is vernieuwd met een buddy.
De evaluatie van het hybride werken laat zien dat teams vaker samen op kantoor willen zijn.
Vergeet niet je urenregistratie voor het einde van de maand in te vullen.
De kantine heeft vanaf maandag een nieuwe menukaart met meer vegetarische gerechten.
Het archief verhuist naar het depot, oude dossiers worden gedigitaliseerd.
Tijdens de open dag lieten we inwoners zien hoe de afvalinzameling werkt.
De servicedesk is bereikbaar via het selfserviceportaal en telefonisch tot vijf uur.
Het medewerkerstevredenheidsonderzoek sluit vrijdag, vul het in als je dat nog niet deed.
Onze ambassadeurs delen elke week een tip over het gebruik van het intranet.
De nieuwe huisstijl wordt stap voor stap ingevoerd in alle brieven en formulieren.
"""
FIRST = [
    "Anne",
    "Bram",
    "Daan",
    "Emma",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Joost",
    "Julia",
    "Kees",
    "Lotte",
    "Lucas",
    "Maaike",
    "Marieke",
    "Mark",
    "Noor",
    "Pieter",
    "Rik",
    "Roos",
    "Ruud",
    "Sanne",
    "Sem",
    "Sophie",
    "Thijs",
    "Tim",
    "Vera",
    "Wouter",
    "Yvonne",
    "Ayşe",
    "Mohamed",
    "Fatima",
    "Youssef",
    "Priya",
    "Chen",
    "Olga",
    "Tomasz",
    "Dewi",
    "Sven",
]
LAST = [
    "Jansen",
    "de Jong",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Yilmaz",
    "El Amrani",
    "Kowalski",
    "Wijaya",
    "Öztürk",
    "Bouzid",
    "Nguyen",
    "Haddou",
    "Ramdin",
    "Sarmo",
]
DOCUMENT_KINDS = [
    "Werkinstructie",
    "Handleiding",
    "Beleid",
    "Protocol",
    "Notulen",
    "Formulier",
    "Verslag",
]
PREFIXES = ("van den ", "van der ", "van de ", "van ", "de ")


class Prose:
    """Dutch sentences from the seed articles, varied: a word swapped for another now and then,
    and rarer compound words (each in about 1 in 10,000 posts, or 1 in 100,000)."""

    def __init__(self, rng: random.Random) -> None:
        self.sentences = [line for line in PROSE.strip().splitlines() if line]
        words = [w for s in self.sentences for w in re.findall(r"[a-zà-ÿ]{6,}", s.lower())]
        self.frequency = Counter(words)
        self.words = [w for w, _n in self.frequency.most_common()]
        nouns = self.words[:400]
        rng_words = random.Random(7)
        self.uncommon = sorted({a + b for a, b in (rng_words.sample(nouns, 2) for _ in range(200))})
        self.rare = sorted({a + b for a, b in (rng_words.sample(nouns, 2) for _ in range(5000))})
        self.rng = rng

    def sentence(self) -> str:
        words = self.rng.choice(self.sentences).split()
        if self.rng.random() < 0.5:
            words[self.rng.randrange(len(words))] = self.rng.choice(self.words)
        roll = self.rng.random()
        if roll < 0.01:
            words.append(self.rng.choice(self.uncommon))
        elif roll < 0.02:
            words.append(self.rng.choice(self.rare))
        return " ".join(words)

    def post(self, _pk: int) -> str:
        return " ".join(self.sentence() for _ in range(1 + (self.rng.random() < 0.3)))

    def page(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(8, 20)))


def _name(n: int) -> tuple[str, str, str]:
    last = LAST[(n // len(FIRST)) % len(LAST)]
    prefix = next((p.strip() for p in PREFIXES if last.startswith(p)), "")
    return FIRST[n % len(FIRST)], prefix, last[len(prefix) :].strip() if prefix else last


class Library:
    """Documents: one version each, its extracted text a page of prose."""

    def __init__(self, organisation: Organisation, prose: Prose, loader: Loader) -> None:
        self.organisation, self.prose, self.load = organisation, prose, loader
        self.count = 0

    def add(self, count: int, total: int) -> None:
        from django.db.models import F

        from plein.documents.models import Document, DocumentVersion

        org, rng, load = self.organisation, self.prose.rng, self.load
        documents, versions = [], []
        spaces = [None, *org.space_ids]
        for _ in range(count):
            self.count += 1
            pk = self.count
            space = rng.choice(spaces)
            owner = rng.choice(org.members[space] if space else org.members[1])
            moment = org.now - timedelta(days=730 * (1 - pk / total))
            when = load.moment(moment)
            title = f"{rng.choice(DOCUMENT_KINDS)} {rng.choice(self.prose.words[:300])} {pk}"
            documents.append((pk, space, title, self.prose.sentence(), owner, when, when))
            text = self.prose.page()
            versions.append(
                (pk, pk, 1, f"documents/bench{pk}", f"{title}.pdf", "application/pdf",
                 len(text) * 3, owner, when, text)
            )  # fmt: skip
        load.insert(
            Document._meta.db_table,
            ["id", "space_id", "title", "description", "owner_id", "created_at", "updated_at"],
            documents,
        )
        load.insert(
            DocumentVersion._meta.db_table,
            ["id", "document_id", "number", "file", "name", "content_type", "size",
             "uploaded_by_id", "uploaded_at", "text"],
            versions,
        )  # fmt: skip
        first, last = documents[0][0], documents[-1][0]
        Document.objects.filter(pk__gte=first, pk__lte=last).update(current_version_id=F("pk"))


def _sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = apps.get_app_config("documents").get_models()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


class Indexer:
    """Indexes what was loaded since the last call, kind by kind, through search_reindex."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.entries = 0
        self.seconds = 0.0

    def run(self) -> None:
        from plein.core.registries.search import KINDS
        from plein.search.services import search_reindex

        started = time.perf_counter()
        for kind in KINDS.all():

            def progress(key: str, last: int, written: int) -> None:
                self.last[key] = last
                print(f"  indexing {key}: {written:,} entries", end="\r", flush=True)

            after = (kind.key, self.last[kind.key]) if kind.key in self.last else None
            self.entries += search_reindex(
                kinds=[kind.key], after=after, batch=2000, progress=progress
            )
        self.seconds += time.perf_counter() - started
        print(" " * 60, end="\r")


# --- Measuring ---------------------------------------------------------------------------------


def _queries(prose: Prose) -> dict[str, list[str]]:
    """What is searched: the results page's words and the suggestions' letters."""
    common = [w for w in prose.words if len(w) >= 7][:3]
    rng = random.Random(11)
    sentence = next(s for s in prose.sentences if common[0] in s.lower())
    pair = re.findall(r"[a-zà-ÿ]{4,}", sentence.lower())
    i = pair.index(common[0]) if common[0] in pair else 0
    phrase = " ".join(pair[i : i + 2]) if i + 1 < len(pair) else " ".join(pair[:2])
    word = common[1]
    typo = word[:2] + word[3] + word[2] + word[4:]
    return {
        "results": [
            *common,
            f"{common[0]} {common[2]}",
            f'"{phrase}"',
            f"{common[0]} -{common[1]}",
            *rng.sample(prose.uncommon, 2),
            *rng.sample(prose.rare, 2),
            typo,
        ],
        "suggest": ["Jans", "Sanne Vis", "de Vr", "Handl", "Ruimte 12", "Jansne", "Bakekr"],
    }


def _measure(client: Any, searches: dict[str, list[str]], repeat: int) -> list[Page]:
    pages = []
    for q in searches["results"]:
        pages.append(Page(f"results {q}", lambda q=q: client.get("/search/", {"q": q})))
    for q in searches["suggest"]:
        pages.append(
            Page(
                f"suggest {q}",
                lambda q=q: client.get("/search/suggest/", {"q": q}, HTTP_HX_REQUEST="true"),
            )
        )
    for page in pages:
        page.run(repeat)
    return pages


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _report(label: str, pages: list[Page]) -> None:
    print(f"\n{label}\n{'request':<40}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'SQL ms':>9}")
    for page in pages:
        print(
            f"{page.name[:39]:<40}{page.p50:>9.1f}{page.p95:>9.1f}{page.queries:>9}"
            f"{page.sql_ms:>9.1f}"
        )
    for kind in ("results", "suggest"):
        times = [t for page in pages if page.name.startswith(kind) for t in page.times]
        print(f"{kind + ' (all)':<40}{'':>9}{_p95(times):>9.1f}")


def _explain(member_id: int, q: str) -> None:
    """EXPLAIN ANALYZE of every query of the results page for `q` (PostgreSQL)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plein.people.models import Person

    client = Client()
    client.force_login(Person.objects.get(pk=member_id))
    with CaptureQueriesContext(connection) as context:
        client.get("/search/", {"q": q})
    for query in context.captured_queries:
        if "search_searchentry" not in query["sql"]:
            continue
        print(f"\n-- {query['time']} s: {query['sql'][:200]}")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + query["sql"])
            for row in cursor.fetchall():
                print(f"  {row[0]}")


def _targets(small: list[Page], full: list[Page]) -> list[tuple[str, bool]]:
    def p95(pages: list[Page], kind: str) -> float:
        return _p95([t for page in pages if page.name.startswith(kind) for t in page.times])

    def most(pages: list[Page], kind: str) -> int:
        return max(page.queries for page in pages if page.name.startswith(kind))

    # A search takes a second query only for the kinds where a word is rare among the newest
    # entries: the count varies by word, never with the size.
    same = all(most(full, kind) <= most(small, kind) for kind in ("results", "suggest"))
    growth = {kind: p95(full, kind) / p95(small, kind) for kind in ("results", "suggest")}
    single = max(b.p95 / a.p95 for a, b in zip(small, full, strict=True))
    results, suggest = p95(full, "results"), p95(full, "suggest")
    return [
        (f"results page p95 {results:.1f} ms <= 150 ms", results <= 150),
        (f"suggestions p95 {suggest:.1f} ms <= 40 ms", suggest <= 40),
        (
            f"queries do not grow with the size: at most {most(full, 'results')} for results, "
            f"{most(full, 'suggest')} for suggestions (a tenth: {most(small, 'results')}, "
            f"{most(small, 'suggest')})",
            same,
        ),
        (
            f"p95 at all posts within 1.3x of a tenth: results {growth['results']:.2f}x, "
            f"suggestions {growth['suggest']:.2f}x (one request at most {single:.2f}x)",
            max(growth.values()) <= 1.3,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--people", type=int)
    parser.add_argument("--spaces", type=int)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--documents", type=int)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="plans of a common word's queries")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help=f"PostgreSQL: build (a copy at a tenth: {SMALL_DATABASE}), measure with --reuse",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: measure the databases a --build-only run left",
    )
    args = parser.parse_args()
    reuse = bool(args.reuse and args.database_url)
    engine, tmp = prepare_database(
        args.database_url, database=BENCH_DATABASE, prefix="plein-bench-search-", fresh=not reuse
    )

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    try:
        if reuse:
            _reused(args.repeat, args.explain)
            return
        started = time.perf_counter()
        rng = random.Random(args.seed)
        prose = Prose(rng)

        def prepare(organisation: Organisation) -> None:
            organisation.name, organisation.text = _name, prose.post

        loader, organisation, member_id = begin(engine, args, prepare)
        total = organisation.total
        documents = args.documents or total // 10
        library = Library(organisation, prose, loader)
        indexer = Indexer()
        searches = _queries(prose)

        from plein.people.models import Person

        client = Client()
        client.force_login(Person.objects.get(pk=member_id))
        runs = []
        for share in (10, 1):
            posts_goal, documents_goal = total // share, documents // share
            while organisation.counts["posts"] < posts_goal:
                organisation.posts(min(CHUNK, posts_goal - organisation.counts["posts"]), total)
                print(f"  loaded {organisation.counts['posts']:,} posts", end="\r", flush=True)
            while library.count < documents_goal:
                library.add(min(CHUNK // 5, documents_goal - library.count), documents)
            _after_load()
            _sequences()
            indexer.run()
            _after_load()
            print(
                f"{engine}: {organisation.people:,} people, {organisation.spaces:,} spaces, "
                f"{organisation.counts['posts']:,} posts, {organisation.counts['comments']:,} "
                f"comments, {library.count:,} documents; {indexer.entries:,} entries indexed in "
                f"{indexer.seconds:.0f} s ({indexer.entries / max(indexer.seconds, 1e-3):,.0f}/s); "
                f"{time.perf_counter() - started:.0f} s so far"
            )
            if args.build_only:
                if share == 10:
                    _copy_small()
                continue
            pages = _measure(client, searches, args.repeat)
            _report(f"At {organisation.counts['posts']:,} posts:", pages)
            runs.append(pages)
        if args.explain and connection.vendor == "postgresql" and runs:
            _explain(member_id, searches["results"][0])
        if not args.build_only:
            _verdict(runs)
    finally:
        connection.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _use(database: str) -> None:
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = database


def _copy_small() -> None:
    """A copy of the bench database as it is now (PostgreSQL), for --reuse."""
    from django.db import connection

    _use("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SMALL_DATABASE}")
        cursor.execute(f"CREATE DATABASE {SMALL_DATABASE} TEMPLATE {BENCH_DATABASE}")
    _use(BENCH_DATABASE)


def _reused(repeat: int, explain: bool) -> None:
    """Measure the databases a --build-only run left (the bench member is person 1)."""
    from django.test import Client

    from plein.people.models import Person

    searches = _queries(Prose(random.Random(1)))
    runs = []
    for database in (SMALL_DATABASE, BENCH_DATABASE):
        _use(database)
        client = Client()
        client.force_login(Person.objects.get(pk=1))
        pages = _measure(client, searches, repeat)
        _report(f"{database}:", pages)
        runs.append(pages)
    if explain:
        _explain(1, searches["results"][0])
    _verdict(runs)


def _verdict(runs: list[list[Page]]) -> None:
    print("\nTargets (issue 16):")
    for text, ok in _targets(runs[0], runs[1]):
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")


if __name__ == "__main__":
    main()
