from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from plein.core.registries.search import KINDS
from plein.search.services import search_reindex

# Where the last finished batch is kept, for --resume (the cache is shared and lasting:
# Redis or files, see settings).
POSITION = "search:reindex:position"


class Command(BaseCommand):
    help = (
        "Rebuild the search index: every findable object, kind by kind, in batches. "
        "Entries of objects that no longer exist are removed. After an interruption, "
        "--resume continues after the last finished batch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", action="append", dest="kinds", help="Only this kind (may be repeated)."
        )
        parser.add_argument(
            "--resume", action="store_true", help="Continue after the last finished batch."
        )
        parser.add_argument("--batch", type=int, default=500, help="Objects per batch.")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = options["kinds"]
        unknown = [key for key in kinds or [] if key not in KINDS]
        if unknown:
            known = ", ".join(kind.key for kind in KINDS.all())
            raise CommandError(f"Unknown kind {', '.join(unknown)}; known: {known}.")
        after = cache.get(POSITION) if options["resume"] else None
        if after is not None:
            self.stdout.write(f"Resuming after {after[0]} {after[1]}.")

        def progress(kind: str, last: int, written: int) -> None:
            cache.set(POSITION, (kind, last), None)
            self.stdout.write(f"{kind}: up to id {last}, {written} entries written so far.")

        written = search_reindex(
            kinds=kinds, after=after, batch=options["batch"], progress=progress
        )
        cache.delete(POSITION)
        self.stdout.write(f"Reindexed: {written} entries written.")
