"""The pictures and attachments of a post: checked and re-encoded before anything is written,
saved with the post, counted, and removed again (after commit, or when the write fails)."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from plein.core import images as image_files

from .models import Attachment, Post, PostImage

IMAGE_MAX_SIDE = 1600
THUMBNAIL_MAX_SIDE = 480


@dataclass(frozen=True)
class ImageUpload:
    file: UploadedFile
    alt_text: str


def check_files(images: Sequence[ImageUpload], attachments: Sequence[UploadedFile]) -> None:
    if len(images) + len(attachments) > settings.PLEIN_MAX_FILES_PER_POST:
        raise ValidationError(
            _("Add at most %(max)s files to one post.") % {"max": settings.PLEIN_MAX_FILES_PER_POST}
        )
    for image in images:
        if not image.alt_text.strip():
            raise ValidationError(
                {
                    "images": _("Describe each image for colleagues who cannot see it (%(name)s).")
                    % {"name": image.file.name}
                }
            )
    for upload in attachments:
        if upload.size and upload.size > settings.PLEIN_MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                {
                    "attachments": _("%(name)s is too large; the maximum is %(max)s MB.")
                    % {
                        "name": upload.name,
                        "max": settings.PLEIN_MAX_ATTACHMENT_BYTES // 1024 // 1024,
                    }
                }
            )


@dataclass
class PreparedImage:
    large: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    width: int
    height: int
    alt_text: str


def prepare_images(images: Sequence[ImageUpload]) -> list[PreparedImage]:
    """Re-encode every picture before anything is written, so a bad one changes nothing."""
    prepared = []
    for upload in images:
        try:
            large, width, height = image_files.bounded_jpeg(upload.file, IMAGE_MAX_SIDE)
            upload.file.seek(0)
            small, _w, _h = image_files.bounded_jpeg(upload.file, THUMBNAIL_MAX_SIDE)
        except ValidationError as error:
            raise ValidationError({"images": error.error_list}) from None
        alt_text = " ".join(upload.alt_text.split())[:500]
        prepared.append(PreparedImage(large, small, width, height, alt_text))
    return prepared


class Files:
    """Files written inside a transaction; deleted again if the transaction does not commit."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.storage = PostImage._meta.get_field("image").storage  # type: ignore[attr-defined]

    def add(self, *names: str | None) -> None:
        self.names.extend(name for name in names if name)

    def discard(self) -> None:
        for name in self.names:
            self.storage.delete(name)


def save_images(post: Post, images: Sequence[PreparedImage], files: Files) -> None:
    start = post.images.count()
    for position, prepared in enumerate(images, start=start):
        row = PostImage(
            post=post,
            width=prepared.width,
            height=prepared.height,
            alt_text=prepared.alt_text,
            position=position,
        )
        row.image.save("image.jpg", prepared.large, save=False)
        row.thumbnail.save("thumbnail.jpg", prepared.thumbnail, save=False)
        files.add(row.image.name, row.thumbnail.name)
        row.save()


def save_attachments(post: Post, uploads: Sequence[UploadedFile], files: Files) -> None:
    start = post.attachments.count()
    for position, upload in enumerate(uploads, start=start):
        name = PurePosixPath((upload.name or "file").replace("\\", "/")).name[:255] or "file"
        guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
        row = Attachment(
            post=post, name=name, content_type=guessed, size=upload.size or 0, position=position
        )
        row.file.save("attachment", upload, save=False)
        files.add(row.file.name)
        row.save()


def count_files(post: Post) -> None:
    post.image_count = post.images.count()
    post.attachment_count = post.attachments.count()
    post.save(update_fields=["image_count", "attachment_count"])


def check_file_count(
    post: Post,
    images: Sequence[ImageUpload],
    attachments: Sequence[UploadedFile],
    remove_image_ids: Sequence[int],
    remove_attachment_ids: Sequence[int],
) -> None:
    """After an edit a post has at most PLEIN_MAX_FILES_PER_POST files: those kept and added."""
    kept_files = (
        post.images.exclude(pk__in=remove_image_ids).count()
        + post.attachments.exclude(pk__in=remove_attachment_ids).count()
    )
    if kept_files + len(images) + len(attachments) > settings.PLEIN_MAX_FILES_PER_POST:
        raise ValidationError(
            _("Add at most %(max)s files to one post.") % {"max": settings.PLEIN_MAX_FILES_PER_POST}
        )


def delete_all(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def remove_files(post: Post, image_ids: Sequence[int], attachment_ids: Sequence[int]) -> list[str]:
    names: list[str] = []
    for image in post.images.filter(pk__in=image_ids):
        names += [name for name in (image.image.name, image.thumbnail.name) if name]
        image.delete()
    for attachment in post.attachments.filter(pk__in=attachment_ids):
        if attachment.file.name:
            names.append(attachment.file.name)
        attachment.delete()
    return names
