from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.notifications import services


class Command(BaseCommand):
    help = (
        "Queue the e-mail summaries (digests) that are due: daily ones, and weekly ones on "
        "Mondays. Run it once a day from cron (for example at 07:00), or start the "
        "self-repeating schedule once with --schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            choices=["daily", "weekly", "due"],
            default="due",
            help="Which digests: daily, weekly, or those due today (default).",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the digest schedule task instead; it runs every day at "
            "PLEIN_DIGEST_HOUR and queues itself again (needs `plein db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        queued = services.digests_enqueue(frequency=options["frequency"])
        self.stdout.write(f"Digests: {queued} queued.")

    def _schedule(self) -> None:
        from plein.notifications.tasks import digest_schedule

        if not digest_schedule.get_backend().supports_defer:
            raise CommandError("The task backend cannot run tasks later; use the database backend.")
        if services.digest_schedule_pending():
            self.stdout.write("The digest schedule is already queued; nothing changed.")
            return
        run_after = services.digest_schedule_next()
        if run_after is None:
            raise CommandError("The digest schedule could not be queued.")
        self.stdout.write(
            f"Digest schedule queued; next run {timezone.localtime(run_after):%Y-%m-%d %H:%M}."
        )
