from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.adoption import rollups


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = (
        "Roll up the adoption figures: by default yesterday and any day missed since the last "
        "roll-up, then delete raw usage events and person-days past their keeping time. "
        "The scheduled job 'adoption-rollup' does this every night (see `plein schedule`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--day", help="Roll up (again) this one day, YYYY-MM-DD.")
        which.add_argument(
            "--since", help="Roll up (again) every day from YYYY-MM-DD up to yesterday."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        yesterday = timezone.localdate() - timedelta(days=1)
        if options["day"]:
            days = [_day(options["day"])]
        elif options["since"]:
            since = _day(options["since"])
            if since > yesterday:
                raise CommandError("--since must be a day before today.")
            days = [since + timedelta(days=n) for n in range((yesterday - since).days + 1)]
        else:
            days = rollups.days_to_roll_up()
        for rolled in rollups.rollup_days(days):
            self.stdout.write(
                f"{rolled.day}: {rolled.person_days} people active, {rolled.group_days} group rows."
            )
        pruned = rollups.prune()
        self.stdout.write(
            f"Rolled up {len(days)} day(s); pruned {pruned.events} usage events and "
            f"{pruned.person_days} person-days."
        )
