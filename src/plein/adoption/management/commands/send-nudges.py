from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.adoption import nudges, race


class Command(BaseCommand):
    help = (
        "Send the nudges that are due: reminders to people who never logged in, 'what you "
        "missed' to people away for a month, the welcome to new colleagues. Run it once a day "
        "from cron, or start the self-repeating schedule once with --schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the nudge schedule task instead; it runs every day at PLEIN_NUDGE_HOUR "
            "and queues itself again (needs `plein db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        sent = nudges.nudges_send()
        race.race_check_first_complete()
        self.stdout.write(
            "Nudges: {reminder} reminders, {missed} 'what you missed', {welcome} welcomes.".format(
                **sent
            )
        )

    def _schedule(self) -> None:
        from plein.adoption.nudge_tasks import nudge_schedule

        if not nudge_schedule.get_backend().supports_defer:
            raise CommandError("The task backend cannot run tasks later; use the database backend.")
        if nudges.nudge_schedule_pending():
            self.stdout.write("The nudge schedule is already queued; nothing changed.")
            return
        run_after = nudges.nudge_schedule_next()
        if run_after is None:
            raise CommandError("The nudge schedule could not be queued.")
        self.stdout.write(
            f"Nudge schedule queued; next run {timezone.localtime(run_after):%Y-%m-%d %H:%M}."
        )
