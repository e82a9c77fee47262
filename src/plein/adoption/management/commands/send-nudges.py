from typing import Any

from django.core.management.base import BaseCommand

from plein.adoption import nudges
from plein.adoption.race import race_check_first_complete


class Command(BaseCommand):
    help = (
        "Send the nudges that are due: reminders to people who never logged in, 'what you "
        "missed' to people away for a month, the welcome to new colleagues. The scheduled job "
        "'nudges' does this every day (see `plein schedule`)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = nudges.nudges_send()
        race_check_first_complete()
        self.stdout.write(
            "Nudges: {reminder} reminders, {missed} 'what you missed', {welcome} welcomes.".format(
                **sent
            )
        )
