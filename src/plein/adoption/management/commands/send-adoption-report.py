from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from plein.adoption import report


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--day: {text!r} is not a date like 2025-03-03.") from error


class Command(BaseCommand):
    help = (
        "E-mail the weekly adoption report now: the organisation's figures to community "
        "managers, each department's to its head (PLEIN_ADOPTION_REPORT_TO_HEADS). The scheduled "
        "job 'adoption-report' sends it every Monday (see `plein schedule`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            help="Report on the latest figures on or before this day (YYYY-MM-DD; default today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = _day(options["day"]) if options["day"] else timezone.localdate()
        with transaction.atomic():
            queued = report.report_send(day=day)
        self.stdout.write(f"Adoption report: {queued} queued.")
