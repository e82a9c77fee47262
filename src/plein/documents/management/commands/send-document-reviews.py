from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.documents import services


class Command(BaseCommand):
    help = (
        "E-mail the owners of documents whose review date has passed, once per review date. "
        "Safe to run often. Run it daily from cron (0 7 * * * plein send-document-reviews), or "
        "start the self-repeating schedule once with --schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the review schedule task instead; it runs daily and queues itself again "
            "(needs `plein db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        sent = services.reviews_send()
        self.stdout.write(f"Document review reminders: {sent} queued.")

    def _schedule(self) -> None:
        from plein.documents.tasks import review_schedule

        if not review_schedule.get_backend().supports_defer:
            raise CommandError("The task backend cannot run tasks later; use the database backend.")
        if services.review_schedule_pending():
            self.stdout.write("The review schedule is already queued; nothing changed.")
            return
        run_after = services.review_schedule_next()
        if run_after is None:
            raise CommandError("The review schedule could not be queued.")
        self.stdout.write(
            f"Review schedule queued; next run {timezone.localtime(run_after):%Y-%m-%d %H:%M}."
        )
