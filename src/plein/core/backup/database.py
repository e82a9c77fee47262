"""The database in the archive: SQLite through its backup API, PostgreSQL through pg_dump.

SQLite: `sqlite3.Connection.backup` copies a consistent snapshot while Plein keeps running, and
restores by the same API into the live file; SQLite writes the destination in one transaction,
so a failed restore leaves the old database as it was.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --single-transaction --exit-on-error`
from PATH: the whole restore is one transaction, rolled back on the first error. pg_dump must
be of the server's major version or newer, pg_restore of the dump's major version or newer;
installing matching client tools is the operator's job, and both are checked before they run.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader

from .archive import DATABASE_DIR, BackupError

MEMBER = {"sqlite": f"{DATABASE_DIR}/plein.sqlite3", "postgresql": f"{DATABASE_DIR}/plein.pgdump"}


def vendor_of(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in MEMBER:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def server_version(alias: str) -> str:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    number = connection.pg_version  # type: ignore[attr-defined]
    return f"{number // 10000}.{number % 10000}"


def applied_migrations(alias: str) -> dict[str, list[str]]:
    """App label -> names of its applied migrations, in the order they were applied."""
    connection = connections[alias]
    if "django_migrations" not in connection.introspection.table_names():
        return {}
    applied: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(migrations: dict[str, list[str]]) -> list[str]:
    """Migrations in `migrations` this code does not have: the archive is of a newer Plein."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return [
        f"{app}.{name}"
        for app, names in sorted(migrations.items())
        for name in names
        if (app, name) not in known
    ]


def is_empty(alias: str) -> bool:
    """Empty: no migrations applied, or no people (accounts) at all."""
    connection = connections[alias]
    tables = connection.introspection.table_names()
    people = get_user_model()._meta.db_table
    if "django_migrations" not in tables or people not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        if not cursor.fetchone()[0]:
            return True
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(people)}")  # noqa: S608
        return not cursor.fetchone()[0]


def has_tables(alias: str) -> bool:
    return bool(connections[alias].introspection.table_names())


def dump(alias: str, target: Path) -> str:
    """Write the database to `target`; returns the tool that wrote it (for the manifest)."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        # A connection of its own, like pg_dump's: it copies what is committed.
        source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
        with closing(source), closing(sqlite3.connect(target)) as out:
            source.backup(out)
        return f"sqlite3 backup API (SQLite {sqlite3.sqlite_version})"
    tool = _tool("pg_dump")
    tool_major, server_major = _major(tool), connection.pg_version // 10000  # type: ignore[attr-defined]
    if tool_major < server_major:
        raise BackupError(
            f"pg_dump on PATH is version {tool_major}, the database server {server_major}: "
            f"install the PostgreSQL {server_major} client tools (or newer) and put them first "
            "on PATH."
        )
    options = ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    _run(connection, tool, options)
    return _version_line(tool)


def load(alias: str, source: Path, *, tool_line: str, replace: bool) -> None:
    """Restore `source` (from `dump`) into the database, all or nothing."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(source)) as dumped:
            dumped.backup(connection.connection)
        return
    tool = _tool("pg_restore")
    dumped_major = _major_of(tool_line)
    if dumped_major and _major(tool) < dumped_major:
        raise BackupError(
            f"The archive was written by pg_dump {dumped_major}; pg_restore on PATH is version "
            f"{_major(tool)}. Install the PostgreSQL {dumped_major} client tools (or newer)."
        )
    options = ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
    if replace:
        options += ["--clean", "--if-exists"]
    connection.close()
    _run(connection, tool, [*options, str(source)])


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools of your server's major "
            "version (Debian: postgresql-client)."
        )
    return found


def _version_line(tool: str) -> str:
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def _major_of(line: str) -> int:
    match = re.search(r"\)\s*(\d+)", line) or re.search(r"(\d+)\.\d+", line)
    return int(match.group(1)) if match else 0


def _major(tool: str) -> int:
    return _major_of(_version_line(tool))


def _run(connection: BaseDatabaseWrapper, tool: str, options: list[str]) -> None:
    settings = connection.settings_dict
    _, extra_env = DatabaseClient.settings_to_cmd_args_env(settings, [])
    args = [tool, *options, f"--dbname={settings['NAME'] or 'postgres'}"]
    if settings.get("USER"):
        args.append(f"--username={settings['USER']}")
    if settings.get("HOST"):
        args.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        args.append(f"--port={settings['PORT']}")
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode:
        name = Path(tool).name
        raise BackupError(f"{name} failed (exit {result.returncode}): {result.stderr.strip()}")
