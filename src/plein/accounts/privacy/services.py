"""The one write path of data downloads: ask for one, build it (in a task), let it expire."""

from __future__ import annotations

import logging
import tempfile
import zipfile
from datetime import datetime, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.mail import in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.registries.personal_data import SECTIONS, Section
from plein.people.models import Person

from . import tasks
from .models import DataExport
from .writer import ZipWriter

logger = logging.getLogger(__name__)
Status = DataExport.Status
# An export still waiting or running after this long is taken to have died with its worker.
STUCK_AFTER = timedelta(hours=6)


def export_request(*, person: Person) -> DataExport:
    """Ask for a download of the person's data; refused while one is still being prepared."""
    try:
        with transaction.atomic():
            if DataExport.objects.filter(
                person=person, status__in=[Status.PENDING, Status.RUNNING]
            ).exists():
                raise ValidationError(
                    _("Your download is already being prepared. Wait until it is ready."),
                    code="running",
                )
            export = DataExport.objects.create(person=person)
            transaction.on_commit(lambda: tasks.data_export_build.enqueue(export_id=export.pk))
    except IntegrityError:  # two requests at the same moment: the database let one through
        raise ValidationError(
            _("Your download is already being prepared. Wait until it is ready."), code="running"
        ) from None
    return export


def export_build(*, export_id: int) -> DataExport | None:
    """Write the ZIP section by section (saving the progress after each), store it under a
    random name, and e-mail the person that it is ready."""
    export = DataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or not export.in_progress:
        return None
    sections = SECTIONS.all()
    DataExport.objects.filter(pk=export.pk).update(
        status=Status.RUNNING, sections_total=len(sections), sections_done=0
    )
    try:
        with tempfile.TemporaryFile() as spool:
            _write_zip(spool, export, sections)
            spool.seek(0)
            export.file.save("export.zip", File(spool), save=False)
            export.size = export.file.size
    except Exception as error:
        logger.exception("data export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(
            status=Status.FAILED, finished_at=timezone.now(), error=str(error)[:300]
        )
        return None
    now = timezone.now()
    export.status = Status.READY
    export.sections_done = export.sections_total = len(sections)
    export.finished_at = now
    export.expires_at = now + timedelta(days=settings.PLEIN_DATA_EXPORT_DAYS)
    with transaction.atomic():
        export.save()
        _tell_ready(export)
    return export


def _write_zip(spool: IO[bytes], export: DataExport, sections: list[Section]) -> None:
    person = export.person
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, section in enumerate(sections, start=1):
            writer = ZipWriter(archive, section)
            section.collect(person, writer)
            writer.close()
            DataExport.objects.filter(pk=export.pk).update(sections_done=done)
        with in_language_of(person):
            readme = render_to_string(
                "accounts/privacy/README.txt",
                {"person": person, "sections": sections, "export": export, "now": timezone.now()},
            )
        archive.writestr("README.txt", readme)


def _tell_ready(export: DataExport) -> None:
    person = export.person
    if not person.email:
        return
    with in_language_of(person):
        email = render_email(
            subject=_("Your data is ready to download"),
            text="accounts/privacy/ready_email.txt",
            context={
                "person": person,
                "export": export,
                "link": absolute_url(reverse("accounts:data")),
            },
        )
    email.enqueue_on_commit(to=[person.email])


def exports_prune(*, now: datetime | None = None) -> int:
    """Delete the files of downloads past their date (and give up on ones stuck for hours);
    returns how many were expired."""
    now = now or timezone.now()
    DataExport.objects.filter(
        status__in=[Status.PENDING, Status.RUNNING], created_at__lt=now - STUCK_AFTER
    ).update(status=Status.FAILED, finished_at=now, error="stopped")
    expired = 0
    for export in DataExport.objects.filter(status=Status.READY, expires_at__lte=now):
        with transaction.atomic():
            if export.file:
                export.file.delete(save=False)
            export.status = Status.EXPIRED
            export.save(update_fields=["file", "status"])
        expired += 1
    return expired
