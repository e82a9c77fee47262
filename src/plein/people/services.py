"""Every change to people goes through here."""

from __future__ import annotations

import functools
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q

from plein.core import images

from .models import Department, Location, Person, Tag

PROFILE_FIELDS = ("job_title", "department", "location", "phone", "bio")


def _square_photo(upload: IO[bytes]) -> ContentFile[bytes]:
    """The upload as a square JPEG; a bad file becomes an error on the photo field."""
    try:
        return images.square_jpeg(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.error_list}) from None


def _photo_storage():  # type: ignore[no-untyped-def]
    return Person._meta.get_field("photo").storage  # type: ignore[attr-defined]


def _photo_replace(person: Person, photo: ContentFile[bytes] | None) -> list[str]:
    """Point person.photo at a new file (or none); returns the old file names to delete.

    Writes the new file to storage; the caller saves the person. If the transaction is then
    rolled back, the new file is removed again (see _delete_on_failure).
    """
    old = [person.photo.name] if person.photo and person.photo.name else []
    person.photo = ""  # type: ignore[assignment]
    if photo is not None:
        person.photo.save(photo.name or "photo.jpg", photo, save=False)
    return old


def _delete_after_commit(names: list[str]) -> None:
    if not names:
        return
    storage = _photo_storage()

    def delete_old_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_old_files)


@transaction.atomic
def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    """The tags with these names, in this order; existing tags are reused whatever their case.

    Names are trimmed; names that differ only in case give one tag.
    """
    wanted: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            wanted.append(name)
    if not wanted:
        return []
    existing = Tag.objects.filter(
        functools.reduce(lambda q, name: q | Q(name__iexact=name), wanted, Q())
    )
    by_key = {tag.name.casefold(): tag for tag in existing}
    tags = []
    for name in wanted:
        tag = by_key.get(name.casefold())
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean(validate_constraints=False)
            try:
                with transaction.atomic():
                    tag.save()
            except IntegrityError:
                # Someone else created it a moment ago.
                tag = Tag.objects.get(name__iexact=name)
            by_key[name.casefold()] = tag
        tags.append(tag)
    return tags


@transaction.atomic
def profile_update(
    *,
    person: Person,
    job_title: str,
    department: Department | None,
    location: Location | None,
    phone: str,
    bio: str,
    skills: list[str],
    interests: list[str],
    photo: IO[bytes] | None = None,
    remove_photo: bool = False,
) -> Person:
    """Change what a person tells colleagues about themselves, all or nothing.

    A new photo is checked and converted before anything is written, so a bad picture leaves
    the profile as it was. A new photo wins over remove_photo. The old photo file is deleted
    only once the change is committed.
    """
    new_photo = _square_photo(photo) if photo is not None else None

    person = Person.objects.select_for_update().get(pk=person.pk)
    person.job_title = job_title
    person.department = department
    person.location = location
    person.phone = phone
    person.bio = bio
    update_fields = list(PROFILE_FIELDS)
    old_files: list[str] = []
    if new_photo is not None or remove_photo:
        old_files = _photo_replace(person, new_photo)
        update_fields.append("photo")
    try:
        person.full_clean(
            exclude=[f.name for f in Person._meta.fields if f.name not in update_fields],
            validate_unique=False,
            validate_constraints=False,
        )
        person.save(update_fields=update_fields)
        person.skills.set(tags_get_or_create(names=skills))
        person.interests.set(tags_get_or_create(names=interests))
    except BaseException:
        if new_photo is not None and person.photo:
            _photo_storage().delete(person.photo.name)
        raise
    _delete_after_commit(old_files)
    return person


@transaction.atomic
def profile_photo_set(*, person: Person, upload: IO[bytes]) -> Person:
    """Give a person a new photo: cropped to a square JPEG, metadata removed."""
    new_photo = _square_photo(upload)
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_files = _photo_replace(person, new_photo)
    try:
        person.save(update_fields=["photo"])
    except BaseException:
        _photo_storage().delete(person.photo.name)
        raise
    _delete_after_commit(old_files)
    return person


@transaction.atomic
def profile_photo_remove(*, person: Person) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_files = _photo_replace(person, None)
    person.save(update_fields=["photo"])
    _delete_after_commit(old_files)
    return person
