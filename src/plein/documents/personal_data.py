"""The documents app's part of "your data": the document versions you uploaded, with their
files, and the documents you own."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plein.core.registries.personal_data import SECTIONS, Section, Writer
from plein.people.models import Person

from .models import Document, DocumentVersion


def documents(person: Person, writer: Writer) -> None:
    writer.records(
        {
            "document_id": version.document_id,
            "document": version.document.title,
            "version": version.number,
            "name": version.name,
            "uploaded_at": version.uploaded_at,
            "file": writer.file(
                version.file, f"{version.document_id}/{version.number}", version.name
            ),
        }
        for version in DocumentVersion.objects.filter(uploaded_by=person)
        .select_related("document")
        .order_by("uploaded_at", "pk")
    )
    writer.records(
        {"owned_document": row["title"], "document_id": row["id"], "review_on": row["review_on"]}
        for row in Document.objects.filter(owner=person)
        .order_by("pk")
        .values("id", "title", "review_on")
    )


SECTIONS.register(
    Section(
        key="documents",
        order=195,
        label=_("Your documents"),
        help=_("the versions you uploaded (with the files) and the documents you own"),
        collect=documents,
    )
)
