"""`plein import-people FILE.csv [--dry-run] [--send-welcome]`: import people from an HR export.

The file format is described in plein.people.imports. Prints what changed; on errors prints
"line N: message" for each problem to stderr, imports nothing and exits with status 1.
With --send-welcome every new active person gets the welcome e-mail, with a link to choose a
password on PLEIN_SITE_URL.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from plein.people.imports import ImportResult, PeopleImportError, people_import_csv


def result_lines(result: ImportResult) -> list[str]:
    welcome = (
        [_("Welcome e-mails: %(count)d") % {"count": result.welcomed}]
        if result.welcomed is not None
        else []
    )
    return [
        _("Created: %(count)d") % {"count": result.created},
        _("Updated: %(count)d") % {"count": result.updated},
        _("Unchanged: %(count)d") % {"count": result.unchanged},
        _("Deactivated: %(count)d") % {"count": result.deactivated},
        _("Reactivated: %(count)d") % {"count": result.reactivated},
        _("Departments created: %(count)d") % {"count": result.departments_created},
        _("Departments renamed or moved: %(count)d") % {"count": result.departments_updated},
        _("Locations created: %(count)d") % {"count": result.locations_created},
        *welcome,
    ]


class Command(BaseCommand):
    help = "Import people, departments and managers from an HR export (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file exported from the HR system.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without saving anything.",
        )
        parser.add_argument(
            "--send-welcome",
            action="store_true",
            help="E-mail each new person the welcome with a link to choose a password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            result = people_import_csv(
                file=path,
                dry_run=options["dry_run"],
                send_welcome=options["send_welcome"],
                site_url=str(settings.PLEIN_SITE_URL),
            )
        except PeopleImportError as error:
            for line, message in error.errors:
                self.stderr.write(
                    _("line %(line)d: %(message)s") % {"line": line, "message": message}
                )
            raise CommandError(_("Nothing was imported.")) from None
        if result.dry_run:
            self.stdout.write(_("Check only: nothing was saved. The import would do this:"))
        for text in result_lines(result):
            self.stdout.write(text)
