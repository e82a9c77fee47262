"""`plein backup [PATH]`: one archive with the database, the uploaded files and a manifest.

See plein.core.backup for the format; `plein restore` brings an archive back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plein.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write one archive (.tar, or .tar.gz when the name ends in .gz) with the database "
        "(pg_dump on PostgreSQL, the SQLite backup API on SQLite), every uploaded file and a "
        "manifest with versions and a SHA-256 checksum per file. Plein may keep running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help=(
                "The archive to write, or a directory to write plein-YYYYMMDD-HHMMSS.tar.gz "
                "into (default: the current directory)."
            ),
        )
        parser.add_argument(
            "--database", default="default", help="The database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        given = options["path"] or "."
        destination = Path(given)
        if destination.is_dir() or given.endswith("/"):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            destination = destination / f"plein-{stamp}.tar.gz"
        try:
            result = backup_write(destination=destination, alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        size = result.path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({size / 1_000_000:.1f} MB; "
                f"{manifest.database_vendor} {manifest.database_version} database, "
                f"{result.media_count} files; Plein {manifest.plein_version})."
            )
        )
