"""Generated photos: a portrait silhouette on a coloured background for the demo people."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from plein.core.portraits import avatar_jpeg


def write_photos(storage: Storage, photos: list[tuple[str, tuple[int, int]]]) -> None:
    size = settings.PLEIN_PROFILE_PHOTO_SIZE
    for name, (colour, figure) in photos:
        storage.save(name, ContentFile(avatar_jpeg(colour, figure, size)))
