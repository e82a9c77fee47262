"""The one write path for document libraries: folders, documents, versions and review reminders.

Files are checked by their content (files.detect) before anything is written; a file whose row
cannot be saved is deleted again, and the files of a deleted document go once that commits. The
text of a new version is extracted in the background after the commit (tasks.extract_text).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from plein.core.mail import Email, in_language_of, render_email
from plein.core.paths import absolute_url
from plein.core.permissions import require as _require
from plein.core.registries import search, usage
from plein.core.selectors import branding_get
from plein.people.models import Person
from plein.spaces.models import Space

from . import files, permissions, tasks
from .models import Document, DocumentVersion, Folder

logger = logging.getLogger(__name__)
REVIEW_INTERVAL = timedelta(hours=24)


def max_bytes() -> int:
    return int(settings.PLEIN_MAX_DOCUMENT_BYTES)


def _storage():  # type: ignore[no-untyped-def]
    return DocumentVersion._meta.get_field("file").storage  # type: ignore[attr-defined]


def _delete_files_later(names: list[str]) -> None:
    def delete() -> None:
        for name in names:
            try:
                _storage().delete(name)
            except OSError:
                logger.warning("Could not delete the document file %s", name, exc_info=True)

    transaction.on_commit(delete)


# Folders ---------------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the folder a name.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A folder name has at most 120 characters.")})
    return name


def _check_sibling(space: Space | None, parent: Folder | None, name: str, exclude: int = 0) -> None:
    taken = (
        Folder.objects.filter(space=space, parent=parent, name__iexact=name)
        .exclude(pk=exclude)
        .exists()
    )
    if taken:
        raise ValidationError({"name": _("There is already a folder with this name here.")})


def _check_folder(space: Space | None, folder: Folder | None) -> None:
    if folder is not None and folder.space_id != (space.pk if space else None):
        raise ValidationError(_("That folder belongs to another library."))


def folder_create(*, by: Person, space: Space | None, parent: Folder | None, name: str) -> Folder:
    _require(permissions.can_write_library(by, space))
    _check_folder(space, parent)
    name = _clean_name(name)
    _check_sibling(space, parent, name)
    return Folder.objects.create(space=space, parent=parent, name=name, created_by=by)


def folder_rename(*, folder: Folder, by: Person, name: str) -> Folder:
    _require(permissions.can_manage_library(by, folder.space))
    name = _clean_name(name)
    _check_sibling(folder.space, folder.parent, name, exclude=folder.pk)
    folder.name = name
    folder.save(update_fields=["name"])
    return folder


def folder_delete(*, folder: Folder, by: Person) -> None:
    _require(permissions.can_manage_library(by, folder.space))
    with transaction.atomic():
        if folder.children.exists() or folder.documents.exists():
            raise ValidationError(
                _("Only an empty folder can be deleted; move or delete its contents first.")
            )
        folder.delete()


# Documents and versions ------------------------------------------------------------------------


def check_upload(upload: UploadedFile | File) -> str:  # type: ignore[type-arg]
    """The type of an uploaded file, judged by its content; ValidationError when it is too large
    or not a type the library takes."""
    name = PurePosixPath((upload.name or "").replace("\\", "/")).name
    limit = max_bytes()
    if (upload.size or 0) > limit:
        raise ValidationError(
            {
                "file": _("%(name)s is too large: the maximum is %(max)s MB.")
                % {"name": name, "max": round(limit / 1024 / 1024, 1)}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("%(name)s is empty.") % {"name": name or _("The file")}})
    content_type = files.detect(upload, name)  # type: ignore[arg-type]
    if content_type is None:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s is not a type the library takes (judged by its content, not its "
                    "name). Upload PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), "
                    "OpenDocument, plain text, CSV or an image (PNG, JPEG, GIF, WebP)."
                )
                % {"name": name}
            }
        )
    return content_type


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    return title[:200]


def _check_owner(document_space: Space | None, owner: Person | None) -> None:
    if owner is not None and not permissions.can_read_library(owner, document_space):
        raise ValidationError({"owner": _("The owner must be able to read this library.")})


def _new_version(
    document: Document,
    *,
    by: Person,
    upload: File,  # type: ignore[type-arg]
    name: str,
    content_type: str,
    size: int,
    restored_from: DocumentVersion | None = None,
) -> DocumentVersion:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        name=name[:255] or "document",
        content_type=content_type,
        size=size,
        uploaded_by=by,
        uploaded_at=timezone.now(),
        restored_from=restored_from,
        text=restored_from.text if restored_from else "",
    )
    version.file.save("document", upload, save=False)
    try:
        version.save()
        document.current_version = version
        document.save(update_fields=["current_version", "updated_at"])
    except BaseException:
        _storage().delete(version.file.name)
        raise
    if restored_from is None:
        transaction.on_commit(lambda: _extract_later(version.pk))
        usage.record(by, usage.Kind.UPLOAD, subject="documents", object_id=document.pk)
    search.index("document", document)
    return version


def _extract_later(version_id: int) -> None:
    try:
        tasks.extract_text.enqueue(version_id)
    except Exception:
        logger.exception("Could not queue the text extraction of document version %s", version_id)


def _upload_name(upload: File) -> str:  # type: ignore[type-arg]
    return PurePosixPath((upload.name or "document").replace("\\", "/")).name


def document_create(
    *,
    by: Person,
    space: Space | None,
    folder: Folder | None,
    title: str,
    upload: File,  # type: ignore[type-arg]
    description: str = "",
    owner: Person | None = None,
    review_on: date | None = None,
) -> Document:
    _require(permissions.can_write_library(by, space))
    _check_folder(space, folder)
    title = _clean_title(title)
    owner = owner or by
    _check_owner(space, owner)
    content_type = check_upload(upload)
    with transaction.atomic():
        document = Document.objects.create(
            space=space,
            folder=folder,
            title=title,
            description=description.strip(),
            owner=owner,
            review_on=review_on,
        )
        _new_version(
            document,
            by=by,
            upload=upload,
            name=_upload_name(upload),
            content_type=content_type,
            size=upload.size or 0,
        )
    return document


def document_update(
    *,
    document: Document,
    by: Person,
    title: str,
    description: str,
    owner: Person | None,
    review_on: date | None,
) -> Document:
    _require(permissions.can_change_document(by, document))
    _check_owner(document.space, owner)
    document.title = _clean_title(title)
    document.description = description.strip()
    document.owner = owner
    document.review_on = review_on
    with transaction.atomic():
        document.save()
        search.index("document", document)
    return document


def document_delete(*, document: Document, by: Person) -> None:
    _require(permissions.can_delete_document(by, document))
    with transaction.atomic():
        names = [name for name in document.versions.values_list("file", flat=True) if name]
        document_id = document.pk
        document.current_version = None
        document.save(update_fields=["current_version"])
        document.delete()
        search.unindex("document", document_id)
        _delete_files_later(names)


def version_add(*, document: Document, by: Person, upload: File) -> DocumentVersion:  # type: ignore[type-arg]
    """A new version; the older ones stay."""
    _require(permissions.can_change_document(by, document))
    content_type = check_upload(upload)
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        return _new_version(
            document,
            by=by,
            upload=upload,
            name=_upload_name(upload),
            content_type=content_type,
            size=upload.size or 0,
        )


def version_restore(*, document: Document, by: Person, version: DocumentVersion) -> DocumentVersion:
    """Make an old version current again as a new version (a copy); every version stays."""
    _require(permissions.can_change_document(by, document))
    if version.document_id != document.pk:
        raise ValidationError(_("That version belongs to another document."))
    if document.current_version_id == version.pk:
        raise ValidationError(_("This version is already the current one."))
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        with version.file.open("rb") as handle:
            return _new_version(
                document,
                by=by,
                upload=File(handle, name=version.name),
                name=version.name,
                content_type=version.content_type,
                size=version.size,
                restored_from=version,
            )


def version_extract_text(*, version_id: int) -> bool:
    """Store the text of a version for search; False when the version or its file is gone."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return False
    try:
        with version.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        logger.warning("The file of document version %s is missing", version_id)
        return False
    text = files.extract_text(data, version.content_type)
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version_id).update(text=text)
        search.index("document", version.document)  # its text is now findable
    return True


# Review reminders ------------------------------------------------------------------------------


def reviews_due(*, today: date | None = None) -> list[Document]:
    """Documents whose review date has passed and whose owner was not reminded of that date."""
    today = today or timezone.localdate()
    candidates = (
        Document.objects.filter(review_on__lt=today, owner__is_active=True)
        .exclude(reminded_for=F("review_on"))
        .select_related("owner", "space")
        .order_by("review_on", "pk")
    )
    return [
        doc for doc in candidates if doc.owner and permissions.can_view_document(doc.owner, doc)
    ]


def review_email(document: Document) -> Email:
    owner = document.owner
    assert owner is not None
    with in_language_of(owner):
        context = {
            "person": owner,
            "document": document,
            "link": absolute_url(document.get_absolute_url()),
            "site_name": branding_get().intranet_name,
        }
        return render_email(
            subject=_("Time to review: %(title)s") % {"title": document.title},
            text="documents/email/review.txt",
            html="documents/email/review.html",
            context=context,
        )


def reviews_send(*, today: date | None = None) -> int:
    """E-mail each owner once per passed review date; safe to run often. Returns how many."""
    sent = 0
    for document in reviews_due(today=today):
        with transaction.atomic():
            claimed = (
                Document.objects.filter(pk=document.pk, review_on=document.review_on)
                .exclude(reminded_for=F("review_on"))
                .update(reminded_for=document.review_on)
            )
            if claimed and document.owner and document.owner.email:
                review_email(document).enqueue_on_commit(to=[document.owner.email])
            sent += claimed
    return sent
