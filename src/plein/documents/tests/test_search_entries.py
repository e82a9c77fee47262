"""Documents in the site-wide search: the write paths keep the entry current, and the entry
holds the text of every version."""

from collections.abc import Iterator

import pytest

from plein.core.registries.search import KINDS
from plein.core.tests.search_recorder import Recorder, recording
from plein.documents import services
from plein.documents.models import DocumentVersion
from plein.documents.permissions import visible_documents
from plein.documents.search import TEXT_LIMIT, document_entry
from plein.people.tests.factories import PersonFactory

from .factories import DocumentFactory, docx, pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed() -> Iterator[Recorder]:
    with recording() as recorder:
        yield recorder


def test_the_kind_is_registered() -> None:
    kind = KINDS.get("document")
    assert kind is not None
    assert kind.visible is visible_documents and kind.entry is document_entry


def test_every_write_path_indexes(indexed, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_create(
            by=editor,
            space=None,
            folder=None,
            title="Protocol",
            upload=upload("p.pdf", pdf("Balie")),
        )
    # Once on upload, once more when the text of the version was extracted.
    assert indexed.calls == [("index", "document", document.pk)] * 2
    entry = indexed.entries[("document", document.pk)]
    assert entry is not None and "Balie" in entry.extra

    with django_capture_on_commit_callbacks(execute=True):
        services.version_add(document=document, by=editor, upload=upload("p.docx", docx("Loket")))
    old = document.versions.get(number=1)
    services.version_restore(document=document, by=editor, version=old)
    services.document_update(
        document=document,
        by=editor,
        title="Nieuw",
        description="Uitleg",
        owner=editor,
        review_on=None,
    )
    assert indexed.indexed("document") == [document.pk] * 6
    entry = indexed.entries[("document", document.pk)]
    assert entry is not None and entry.title == "Nieuw" and entry.body == "Uitleg"

    document_id = document.pk
    services.document_delete(document=document, by=editor)
    assert indexed.calls[-1] == ("unindex", "document", document_id)


def test_the_entry_holds_the_text_of_every_version() -> None:
    document = DocumentFactory(description="Over de balie")
    DocumentVersion.objects.filter(document=document).update(text="Eerste versie: agressie")
    for number, text in ((2, "Tweede versie: verlof"), (3, "Tweede versie: verlof")):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            file="documents/x",
            name="x.odt",
            content_type="application/vnd.oasis.opendocument.text",
            uploaded_by=PersonFactory(),
            uploaded_at=document.created_at,
            text=text,
        )
    entry = document_entry(document)
    assert entry.extra == "Eerste versie: agressie\nTweede versie: verlof"
    assert entry.title == document.title and entry.body == "Over de balie"
    assert entry.url == document.get_absolute_url()
    assert entry.author_id == document.owner_id  # the first version's uploader
    assert entry.space_id is None and entry.suggest


def test_the_text_is_capped() -> None:
    document = DocumentFactory()
    DocumentVersion.objects.filter(document=document).update(text="woord " * TEXT_LIMIT)
    assert len(document_entry(document).extra) == TEXT_LIMIT
