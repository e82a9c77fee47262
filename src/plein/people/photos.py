"""A person's photo file: converted to a square JPEG, replaced, and old files deleted once the
change is committed. Used by plein.people.services, which saves the person."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction

from plein.core import images

from .models import Person


def square_photo(upload: IO[bytes]) -> ContentFile[bytes]:
    """The upload as a square JPEG; a bad file becomes an error on the photo field."""
    try:
        return images.square_jpeg(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.error_list}) from None


def photo_storage() -> Storage:
    return Person._meta.get_field("photo").storage  # type: ignore[attr-defined,no-any-return]


def photo_replace(person: Person, photo: ContentFile[bytes] | None) -> list[str]:
    """Point person.photo at a new file (or none); returns the old file names to delete.

    Writes the new file to storage; the caller saves the person, and removes the new file
    again if saving fails.
    """
    old = [person.photo.name] if person.photo and person.photo.name else []
    person.photo = ""  # type: ignore[assignment]
    if photo is not None:
        person.photo.save(photo.name or "photo.jpg", photo, save=False)
    return old


def new_photo_discard(person: Person) -> None:
    """Remove the new file photo_replace() wrote, when saving the person failed after all."""
    if person.photo.name:
        photo_storage().delete(person.photo.name)


def delete_after_commit(names: list[str]) -> None:
    if not names:
        return
    storage = photo_storage()

    def delete_old_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_old_files)
