"""`plein send-invitations`: send the launch invitations that are still due (resumable)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from plein.launch import services
from plein.launch.tasks import send_invitations


class Command(BaseCommand):
    help = (
        "Send the launch invitation e-mail to everyone who may use the intranet now and has not "
        "been invited yet (each person at most once; opt-outs respected)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the work for the task worker instead of sending now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            send_invitations.enqueue(after_pk=0)
            self.stdout.write("Invitations queued for the task worker.")
            return
        total, after = 0, 0
        while True:
            sent, last = services.invitations_send_batch(after_pk=after)
            total += sent
            if last is None:
                break
            after = last
        self.stdout.write(f"{total} invitation(s) sent.")
