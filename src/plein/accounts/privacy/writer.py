"""Writes the ZIP of a person's data: one JSON file per section of the personal-data registry,
their files under files/<section>/, and README.txt saying what each file holds."""

from __future__ import annotations

import json
import posixpath
import shutil
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import get_valid_filename

from plein.core.registries.personal_data import Section


class ZipWriter:
    """The `Writer` handed to each section's collect(); one per section."""

    def __init__(self, archive: zipfile.ZipFile, section: Section) -> None:
        self.archive = archive
        self.section = section
        self.rows: list[Mapping[str, Any]] = []
        self.used: set[str] = set()

    def records(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.rows.extend(dict(row) for row in rows)

    def file(self, stored: Any, folder: str, name: str = "") -> str | None:
        if not stored or not stored.name:
            return None
        name = get_valid_filename(name or posixpath.basename(stored.name)) or "file"
        target = f"files/{self.section.key}/{folder}/{name}"
        while target in self.used:  # two files of the same name in one folder
            target = f"files/{self.section.key}/{folder}/{len(self.used)}-{name}"
        try:
            with (
                stored.storage.open(stored.name, "rb") as source,
                self.archive.open(target, "w", force_zip64=True) as sink,
            ):
                shutil.copyfileobj(source, sink, 1024 * 1024)
        except FileNotFoundError:
            return None
        self.used.add(target)
        return target

    def close(self) -> None:
        data = json.dumps(
            self.rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True
        )
        self.archive.writestr(f"{self.section.key}.json", data + "\n")
