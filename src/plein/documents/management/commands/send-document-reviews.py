from typing import Any

from django.core.management.base import BaseCommand

from plein.documents import services


class Command(BaseCommand):
    help = (
        "E-mail the owners of documents whose review date has passed, once per review date. "
        "Safe to run often. The scheduled job 'document-reviews' does this daily (see "
        "`plein schedule`)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.reviews_send()
        self.stdout.write(f"Document review reminders: {sent} queued.")
