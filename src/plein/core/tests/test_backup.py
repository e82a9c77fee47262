"""`plein backup` and `plein restore`: a demo organisation and its files make the round trip
into an empty database (a second SQLite file, or a second PostgreSQL database) unchanged, and
damaged, newer or misplaced archives are refused before anything is touched."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.utils import load_backend

from plein.core.backup import BackupError, backup_write, restore
from plein.core.backup.archive import MANIFEST
from plein.people.demo.plan import minimum_people
from plein.people.models import Person
from plein.people.tests.factories import PersonFactory

TARGET = "backup_target"


@pytest.fixture
def target(tmp_path: Path) -> Iterator[str]:
    """A second, empty database: what a fresh install has before `plein restore`."""
    default = connections["default"]
    config = {**default.settings_dict}
    postgres = default.vendor == "postgresql"
    if postgres:
        config["NAME"] = f"{default.settings_dict['NAME']}_restored"
        _admin(f'DROP DATABASE IF EXISTS "{config["NAME"]}"', f'CREATE DATABASE "{config["NAME"]}"')
    else:
        config["NAME"] = str(tmp_path / "restored.sqlite3")
    # Set up as Django does for a database added at run time (not in settings.DATABASES).
    connections[TARGET] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias=TARGET)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if postgres:
        _admin(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def _admin(*statements: str) -> None:
    with connections["default"].cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _rows(alias: str) -> dict[str, list[str]]:
    """Every table's rows, in a fixed order, read with raw SQL."""
    connection = connections[alias]
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def _checksums(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_demo_organisation_and_its_files_make_the_round_trip(
    target: str, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", people=minimum_people() + 5, seed=1, stdout=io.StringIO())
    default_storage.save("backup/naïve name (1).txt", ContentFile(b"not an image"))
    rows, files = _rows("default"), _checksums(Path(settings.MEDIA_ROOT))
    archive = tmp_path / "plein.tar.gz"

    started = time.perf_counter()
    call_command("backup", str(archive), stdout=io.StringIO())
    backed_up = time.perf_counter()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", str(archive), database=target, stdout=out)
    restored = time.perf_counter()

    assert "Restored the backup" in out.getvalue()
    assert sum(len(table) for table in rows.values()) > 1000
    assert len(files) > 10
    assert _rows(target) == rows
    assert _checksums(Path(settings.MEDIA_ROOT)) == files

    # Into the install that now has people: refused, unless forced (then replaced whole).
    with pytest.raises(BackupError, match="not empty"):
        restore(archive=archive, alias=target)
    with connections[target].cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'people'")
        cursor.execute("DELETE FROM django_session")
    assert _rows(target) != rows
    restore(archive=archive, alias=target, force=True)
    assert _rows(target) == rows
    print(
        f"\nround trip ({connections['default'].vendor}): {len(rows)} tables, "
        f"{sum(len(table) for table in rows.values())} rows, {len(files)} files, archive "
        f"{archive.stat().st_size / 1000:.0f} kB; backup {backed_up - started:.2f} s, "
        f"restore {restored - backed_up:.2f} s"
    )


@pytest.fixture
def archive(tmp_path: Path, db: None) -> Path:
    """A backup of the (nearly empty) test database with one uploaded file."""
    default_storage.save("photos/a.jpg", ContentFile(b"\xff\xd8 a photo"))
    return backup_write(destination=tmp_path / "plein.tar").path


def _rewrite(archive: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Rewrite each member of the archive through `change(name, data)`."""
    with tarfile.open(archive) as tar:
        members = [(info, tar.extractfile(info).read()) for info in tar]  # type: ignore[union-attr]
    with tarfile.open(archive, "w") as tar:
        for info, data in members:
            data = change(info.name, data)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_the_archive_lists_versions_migrations_and_a_checksum_per_member(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        photo = tar.extractfile("media/photos/a.jpg").read()  # type: ignore[union-attr]
    assert names[-1] == MANIFEST
    assert manifest["database_vendor"] == connections["default"].vendor
    assert manifest["plein_version"] and manifest["django_version"] and manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["people"]
    assert set(manifest["members"]) == set(names) - {MANIFEST}
    assert manifest["members"]["media/photos/a.jpg"] == {
        "sha256": hashlib.sha256(photo).hexdigest(),
        "size": len(photo),
    }


def test_a_damaged_archive_is_refused_before_anything_is_touched(archive: Path) -> None:
    PersonFactory(email="kept@example.org")
    _rewrite(archive, lambda name, data: data + b"!" if name.startswith("media/") else data)

    with pytest.raises(CommandError, match=r"damaged \(checksum differs for media/photos/a.jpg"):
        call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert Person.objects.filter(email="kept@example.org").exists()
    assert default_storage.open("photos/a.jpg").read() == b"\xff\xd8 a photo"


def test_a_database_with_people_is_kept_unless_forced(archive: Path) -> None:
    PersonFactory(email="kept@example.org")
    default_storage.delete("photos/a.jpg")

    with pytest.raises(BackupError, match="not empty: it has people"):
        restore(archive=archive)
    assert Person.objects.filter(email="kept@example.org").exists()
    assert not default_storage.exists("photos/a.jpg")


def test_an_archive_of_a_newer_plein_is_refused(archive: Path) -> None:
    def newer(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["people"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    _rewrite(archive, newer)
    with pytest.raises(BackupError, match=r"newer Plein .*people\.9999_from_the_future"):
        restore(archive=archive, force=True)


def test_what_is_not_a_backup_gets_a_clear_message(tmp_path: Path, db: None) -> None:
    stray = tmp_path / "notes.tar"
    with tarfile.open(stray, "w") as tar:
        tar.addfile(tarfile.TarInfo("notes.txt"), io.BytesIO(b""))
    (tmp_path / "junk.tar").write_bytes(b"junk")

    with pytest.raises(BackupError, match=r"no manifest\.json: it is not a Plein backup"):
        restore(archive=stray)
    with pytest.raises(BackupError, match="cannot be read"):
        restore(archive=tmp_path / "junk.tar")
    with pytest.raises(BackupError, match="There is no archive"):
        restore(archive=tmp_path / "missing.tar")


def test_a_failed_backup_leaves_no_archive_behind(tmp_path: Path, db: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    default_storage.save("photos/a.jpg", ContentFile(b"a photo"))
    monkeypatch.setattr(default_storage, "size", lambda name: 1)  # the file "changed size"

    with pytest.raises(CommandError, match="changed size"):
        call_command("backup", str(tmp_path / "plein.tar"), stdout=io.StringIO())
    assert list(tmp_path.glob("plein.tar*")) == []


def test_a_backup_into_a_directory_is_named_by_its_time(tmp_path: Path, db: None) -> None:
    out = io.StringIO()
    call_command("backup", f"{tmp_path}/nightly/", stdout=out)

    (written,) = (tmp_path / "nightly").iterdir()
    assert re.fullmatch(r"plein-\d{8}-\d{6}\.tar\.gz", written.name)
    assert f"Backup written: {written}" in out.getvalue()
    with tarfile.open(written, "r:gz") as tar:
        assert MANIFEST in tar.getnames()
