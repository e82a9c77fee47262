from typing import Any

from django.core.management.base import BaseCommand

from plein.events import services


class Command(BaseCommand):
    help = (
        "E-mail a reminder to the people going to events that start soon (the hours before the "
        "start are set by PLEIN_EVENT_REMINDER_HOURS). Safe to run often: nobody is reminded "
        "twice. The scheduled job 'event-reminders' does this every 15 minutes (see "
        "`plein schedule`)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.reminders_send()
        self.stdout.write(f"Event reminders: {sent} queued.")
