from typing import Any

from django.core.management.base import BaseCommand

from plein.spaces.services import default_spaces_sync


class Command(BaseCommand):
    help = "Add every active person to the default spaces they belong in (after an HR import)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = default_spaces_sync()
        self.stdout.write(f"Default spaces: {added} memberships added.")
