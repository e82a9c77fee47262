"""Dutch is the default language: every string in the code must have a Dutch translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]
DUTCH_PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_dutch_message_is_translated_and_not_fuzzy():
    catalog = _catalog(DUTCH_PO)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert len(catalog) > 100
    assert untranslated == []


def test_the_dutch_catalogue_holds_every_string_in_the_code(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("PLEIN_REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext (xgettext) is needed to check the translations")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "plein"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "plein.manage",
            "makemessages",
            "--locale",
            "nl",
            "--no-location",
            "--no-obsolete",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "plein.config.settings.test"},
    )
    wanted = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in _catalog(copy / DUTCH_PO.relative_to(PACKAGE))
        if m.id
    }
    present = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(DUTCH_PO) if m.id}
    missing = sorted(wanted - present)
    assert missing == [], "Run `make messages` and translate: " + ", ".join(missing[:20])
