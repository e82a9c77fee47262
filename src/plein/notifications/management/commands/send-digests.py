from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plein.notifications import services


class Command(BaseCommand):
    help = (
        "Queue the e-mail summaries (digests) that are due: daily ones, and weekly ones on "
        "Mondays. The scheduled job 'digests' does this every day (see `plein schedule`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            choices=["daily", "weekly", "due"],
            default="due",
            help="Which digests: daily, weekly, or those due today (default).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = services.digests_enqueue(frequency=options["frequency"])
        self.stdout.write(f"Digests: {queued} queued.")
