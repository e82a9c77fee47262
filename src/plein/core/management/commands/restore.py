"""`plein restore ARCHIVE [--force]`: bring a `plein backup` archive back into an install.

Every checksum is checked before anything is touched; then the database, the files, and
`migrate` for an archive of an older Plein.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plein.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `plein backup` into an empty install: checks every "
        "checksum first, refuses a database that has people (unless --force) and an archive "
        "of a newer Plein; restores the database, then the files, then applies migrations "
        "the archive lacks. Stop the web and task processes first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The archive (.tar or .tar.gz).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that is not empty (everything in it is lost).",
        )
        parser.add_argument(
            "--database", default="default", help="The database alias (default: default)."
        )
        parser.add_argument(
            "--work-dir",
            type=Path,
            help="Where to unpack the archive while checking it (default: the temp directory).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(
                archive=Path(options["archive"]),
                alias=options["database"],
                force=options["force"],
                work_dir=options["work_dir"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.created_at} (Plein {manifest.plein_version}): "
                f"the {manifest.database_vendor} database and {result.media_count} files."
            )
        )
        if result.migrated:
            self.stdout.write(f"Applied {len(result.migrated)} newer migrations.")
