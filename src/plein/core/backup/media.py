"""Uploaded files in the archive, read and written through Django's default storage, so another
storage backend (object storage) can follow without a change here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from .archive import MEDIA_DIR, BackupError, Writer


def names(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from names(storage, f"{folder}/{sub}" if folder else sub)


def write(writer: Writer, storage: Storage | None = None) -> int:
    """Add every stored file to the archive; returns how many."""
    storage = storage or default_storage
    count = 0
    for name in names(storage):
        with storage.open(name, "rb") as source:
            writer.add(f"{MEDIA_DIR}/{name}", source, storage.size(name))
        count += 1
    return count


def restore(staging: Path, members: list[str], storage: Storage | None = None) -> None:
    """Store each member (unpacked under `staging`) under its own name, replacing a file of
    that name; files the archive does not have are left alone."""
    storage = storage or default_storage
    for member in members:
        name = member.removeprefix(f"{MEDIA_DIR}/")
        if storage.exists(name):
            storage.delete(name)
        with (staging / member).open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; restore stopped.")
