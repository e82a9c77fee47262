"""Writing a backup and restoring one: the steps in their order, with the checks between them."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import django
from django.core.management import call_command
from django.utils import timezone

from . import database, media
from .archive import BackupError, Manifest, unpack, writing


def plein_version() -> str:
    try:
        return version("plein")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "unknown"


@dataclass(frozen=True)
class BackupResult:
    manifest: Manifest
    path: Path
    media_count: int


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    media_count: int
    migrated: list[str]


def backup_write(*, destination: Path, alias: str = "default") -> BackupResult:
    """Write one archive with the database, every stored file and the manifest."""
    vendor = database.vendor_of(alias)
    manifest = Manifest(
        plein_version=plein_version(),
        django_version=django.get_version(),
        database_vendor=vendor,
        database_version=database.server_version(alias),
        created_at=timezone.now().isoformat(timespec="seconds"),
        migrations=database.applied_migrations(alias),
    )
    with tempfile.TemporaryDirectory(prefix="plein-backup-") as work:
        dumped = Path(work) / "database"
        manifest.database_tool = database.dump(alias, dumped)
        with writing(destination, manifest) as writer:
            writer.add_file(database.MEMBER[vendor], dumped)
            dumped.unlink()
            media_count = media.write(writer)
    return BackupResult(manifest=manifest, path=destination, media_count=media_count)


def restore(
    *, archive: Path, alias: str = "default", force: bool = False, work_dir: Path | None = None
) -> RestoreResult:
    """Check the whole archive, then restore the database, then the files, then migrate.

    Nothing is touched until every checksum matched, the archive's migrations are all known to
    this code and the database is empty (or `force`)."""
    if not archive.is_file():
        raise BackupError(f"There is no archive at {archive}.")
    with tempfile.TemporaryDirectory(prefix="plein-restore-", dir=work_dir) as work:
        staging = Path(work)
        manifest = unpack(archive, staging)
        _check(manifest, alias=alias, force=force)
        database.load(
            alias,
            staging / manifest.database_member,
            tool_line=manifest.database_tool,
            replace=database.has_tables(alias),
        )
        media.restore(staging, manifest.media_members)
    before = database.applied_migrations(alias)
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    after = database.applied_migrations(alias)
    migrated = [
        f"{app}.{name}"
        for app, names in after.items()
        for name in names
        if name not in before.get(app, [])
    ]
    return RestoreResult(
        manifest=manifest, media_count=len(manifest.media_members), migrated=migrated
    )


def _check(manifest: Manifest, *, alias: str, force: bool) -> None:
    vendor = database.vendor_of(alias)
    if manifest.database_vendor != vendor:
        raise BackupError(
            f"The archive holds a {manifest.database_vendor} database and this Plein uses "
            f"{vendor}: restore into the same kind of database. Nothing was restored."
        )
    newer = database.unknown_migrations(manifest.migrations)
    if newer:
        shown = ", ".join(newer[:5]) + (f" and {len(newer) - 5} more" if len(newer) > 5 else "")
        raise BackupError(
            f"The archive is of a newer Plein ({manifest.plein_version}; migrations this "
            f"version does not have: {shown}). Install that version or newer, then restore. "
            "Nothing was restored."
        )
    if not force and not database.is_empty(alias):
        raise BackupError(
            "The database is not empty: it has people. Restore into an empty install, or use "
            "--force to replace everything in it. Nothing was restored."
        )
