"""Backups of a whole Plein: one archive with the database, the media and a manifest.

`plein backup` calls `backup_write()`, `plein restore` calls `restore()`. The archive format and
the manifest live in `archive`, the database vendors in `database`, the uploaded files in
`media`. core knows no domain app, so nothing here names one: the database is copied whole.
"""

from __future__ import annotations

from .archive import BackupError, Manifest
from .run import RestoreResult, backup_write, restore

__all__ = ["BackupError", "Manifest", "RestoreResult", "backup_write", "restore"]
