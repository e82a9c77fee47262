from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.events import services


class Command(BaseCommand):
    help = (
        "E-mail a reminder to the people going to events that start soon (the hours before the "
        "start are set by PLEIN_EVENT_REMINDER_HOURS). Safe to run often: nobody is reminded "
        "twice. Run it every 15 minutes from cron (*/15 * * * * plein send-event-reminders), or "
        "start the self-repeating schedule once with --schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the reminder schedule task instead; it runs every 15 minutes and queues "
            "itself again (needs `plein db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        sent = services.reminders_send()
        self.stdout.write(f"Event reminders: {sent} queued.")

    def _schedule(self) -> None:
        from plein.events.tasks import reminder_schedule

        if not reminder_schedule.get_backend().supports_defer:
            raise CommandError("The task backend cannot run tasks later; use the database backend.")
        if services.reminder_schedule_pending():
            self.stdout.write("The reminder schedule is already queued; nothing changed.")
            return
        run_after = services.reminder_schedule_next()
        if run_after is None:
            raise CommandError("The reminder schedule could not be queued.")
        self.stdout.write(
            f"Reminder schedule queued; next run {timezone.localtime(run_after):%Y-%m-%d %H:%M}."
        )
