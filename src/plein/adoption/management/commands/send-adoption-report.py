from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from plein.adoption import report, report_tasks


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--day: {text!r} is not a date like 2025-03-03.") from error


class Command(BaseCommand):
    help = (
        "E-mail the weekly adoption report now: the organisation's figures to community "
        "managers, each department's to its head (PLEIN_ADOPTION_REPORT_TO_HEADS). Or start the "
        "self-repeating schedule once with --schedule (every Monday at 07:00)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            help="Report on the latest figures on or before this day (YYYY-MM-DD; default today).",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the report schedule task instead; it runs every Monday at "
            "PLEIN_ADOPTION_REPORT_HOUR and queues itself again (needs `plein db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        day = _day(options["day"]) if options["day"] else timezone.localdate()
        with transaction.atomic():
            queued = report.report_send(day=day)
        self.stdout.write(f"Adoption report: {queued} queued.")

    def _schedule(self) -> None:
        if not report_tasks.report_schedule.get_backend().supports_defer:
            raise CommandError("The task backend cannot run tasks later; use the database backend.")
        if report_tasks.report_schedule_pending():
            self.stdout.write("The adoption report schedule is already queued; nothing changed.")
            return
        run_after = report_tasks.report_schedule_next()
        if run_after is None:
            raise CommandError("The adoption report schedule could not be queued.")
        self.stdout.write(
            "Adoption report schedule queued; next run "
            f"{timezone.localtime(run_after):%Y-%m-%d %H:%M}."
        )
