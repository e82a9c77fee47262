"""Personal data: what each app holds of a person, for the download of "your data" (AVG/GDPR).

The accounts app builds the download (`plein.accounts.privacy`) but sits low in the layers, so it
never imports the apps whose data it collects. Each app writes a module `personal_data.py` that
registers its sections here, from its `AppConfig.ready()`::

    from django.utils.translation import gettext_lazy as _

    from plein.core.registries.personal_data import SECTIONS, Section, Writer

    def collect(person, writer: Writer) -> None:
        writer.records(
            Recipe.objects.filter(author=person).order_by("pk").values("id", "title", "created_at")
        )
        for recipe in Recipe.objects.filter(author=person).exclude(photo=""):
            writer.file(recipe.photo, f"recipes/{recipe.pk}")

    SECTIONS.register(
        Section(key="recipes", order=300, label=_("Recipes"), help=_("The recipes you shared."),
                collect=collect)
    )

A section becomes `<key>.json` in the ZIP (a JSON list of records, keys sorted, dates in ISO
8601) and its files go under `files/<key>/`. Only what is the person's own goes in: what they
wrote, chose or answered, never a colleague's private content (a comment by someone else on
their post is not theirs). Access tokens appear by name and scopes only, never their digests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.functional import Promise

from . import Registry

Text = str | Promise
Person = Any  # a plein.people Person (core imports no domain app)


class Writer(Protocol):
    """Where a section writes: its records (one JSON file per section) and its files."""

    def records(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Add records (dicts of JSON-able values; dates and datetimes become ISO strings)."""

    def file(self, stored: Any, folder: str, name: str = "") -> str | None:
        """Copy a stored file (a FieldFile) into `files/<section>/<folder>/`, under `name` (the
        name the person gave it) or its stored name; returns its path in the ZIP (to name it in
        a record), or None when there is no file or it is missing from storage."""


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    label: Text  # what the file holds, in README.txt ("Your posts")
    collect: Callable[[Person, Writer], None]
    help: Text = ""


SECTIONS: Registry[Section] = Registry("personal data")
register = SECTIONS.register
