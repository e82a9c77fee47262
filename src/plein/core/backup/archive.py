"""The archive: one tar (gzip-compressed when its name ends in .gz) with a manifest.

Members: `database/plein.sqlite3` or `database/plein.pgdump`, `media/<name>` for each uploaded
file, and `manifest.json` last (it lists a SHA-256 and size for every other member). The archive
is written under a temporary name beside its destination and renamed when complete, so a
destination path never holds half an archive.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Manifest:
    plein_version: str
    django_version: str
    database_vendor: str
    database_version: str
    created_at: str
    # app label -> the names of its applied migrations, in the order they were applied.
    migrations: dict[str, list[str]]
    # member name -> {"sha256": ..., "size": ...}
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    # What wrote the database member (pg_dump's version line: pg_restore must be as new).
    database_tool: str = ""
    format: int = FORMAT

    @property
    def database_member(self) -> str:
        names = [name for name in self.members if name.startswith(f"{DATABASE_DIR}/")]
        if len(names) != 1:
            raise BackupError("The archive's manifest lists no database (or more than one).")
        return names[0]

    @property
    def media_members(self) -> list[str]:
        return sorted(name for name in self.members if name.startswith(f"{MEDIA_DIR}/"))

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            fields = json.loads(data)
            manifest = cls(**fields)
        except (ValueError, TypeError) as error:
            raise BackupError(f"The archive's manifest cannot be read: {error}.") from error
        if manifest.format != FORMAT:
            raise BackupError(
                f"The archive has format {manifest.format}; this Plein reads format {FORMAT}."
            )
        return manifest


class _Hashing(io.RawIOBase):
    """Reads through to `raw`, counting and hashing what passes."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class Writer:
    """Adds members to an open tar and records their checksums for the manifest."""

    def __init__(self, tar: tarfile.TarFile, manifest: Manifest) -> None:
        self.tar = tar
        self.manifest = manifest

    def add(self, name: str, source: IO[bytes], size: int, mtime: float = 0) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(mtime)
        info.mode = 0o600
        hashing = _Hashing(source)
        changed = BackupError(f"{name} changed size while it was being copied; try again.")
        try:
            self.tar.addfile(info, hashing)
        except OSError as error:  # tarfile: "unexpected end of data" (the file shrank)
            raise changed from error
        if hashing.size != size or source.read(1):  # the file grew
            raise changed
        self.manifest.members[name] = {"sha256": hashing.sha256.hexdigest(), "size": size}

    def add_file(self, name: str, path: Path) -> None:
        with path.open("rb") as source:
            self.add(name, source, path.stat().st_size, path.stat().st_mtime)


@contextmanager
def writing(destination: Path, manifest: Manifest) -> Iterator[Writer]:
    """A Writer whose archive appears at `destination` only when the block ends without error."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    os.close(handle)
    mode = "w:gz" if destination.name.endswith(".gz") else "w"
    try:
        with tarfile.open(temporary, mode) as tar:  # type: ignore[call-overload]
            writer = Writer(tar, manifest)
            yield writer
            data = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(manifest_time(manifest))
            tar.addfile(info, io.BytesIO(data))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def manifest_time(manifest: Manifest) -> float:
    return datetime.fromisoformat(manifest.created_at).timestamp()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def unpack(archive: Path, staging: Path) -> Manifest:
    """Extract the archive into `staging`, checking every member against the manifest.

    Raises BackupError, before anything outside `staging` is touched, when the archive cannot
    be read, has a member the manifest does not list (or the other way round), or a checksum or
    size differs."""
    found: dict[str, dict[str, Any]] = {}
    manifest_data = None
    try:
        with tarfile.open(archive, "r:*") as tar:
            for info in tar:
                manifest_data = _unpack_member(tar, info, staging, found) or manifest_data
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"The archive {archive} cannot be read: {error}.") from error
    if manifest_data is None:
        raise BackupError(f"{archive} has no {MANIFEST}: it is not a Plein backup.")
    manifest = Manifest.from_json(manifest_data)
    _compare(manifest.members, found)
    return manifest


def _unpack_member(
    tar: tarfile.TarFile, info: tarfile.TarInfo, staging: Path, found: dict[str, dict[str, Any]]
) -> bytes | None:
    if not info.isfile() or not _safe_name(info.name):
        raise BackupError(f"The archive holds {info.name!r}, which a Plein backup never has.")
    source = tar.extractfile(info)
    assert source is not None  # a regular file always has contents
    if info.name == MANIFEST:
        return source.read()
    target = staging / info.name
    target.parent.mkdir(parents=True, exist_ok=True)
    hashing = _Hashing(source)
    with target.open("wb") as out:
        while chunk := hashing.read(CHUNK):
            out.write(chunk)
    found[info.name] = {"sha256": hashing.sha256.hexdigest(), "size": hashing.size}
    return None


def _compare(listed: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> None:
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    damaged = sorted(
        name
        for name in set(listed) & set(found)
        if listed[name].get("sha256") != found[name]["sha256"]
        or listed[name].get("size") != found[name]["size"]
    )
    problems = []
    if damaged:
        problems.append(f"checksum differs for {_few(damaged)}")
    if missing:
        problems.append(f"missing {_few(missing)}")
    if extra:
        problems.append(f"not in the manifest: {_few(extra)}")
    if problems:
        raise BackupError(
            "The archive is damaged (" + "; ".join(problems) + "). Nothing was restored."
        )


def _few(names: list[str]) -> str:
    shown = ", ".join(names[:5])
    return shown if len(names) <= 5 else f"{shown} and {len(names) - 5} more"
