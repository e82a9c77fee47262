"""Document libraries in Chromium: make a folder, upload a PDF (after a refused file), see its
preview, upload a new version, restore the old one, and search the extracted text."""

from pathlib import Path

import pytest

from plein.documents.models import Document, Folder
from plein.documents.tests.factories import docx, pdf
from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_version_and_restore(visitor, tmp_path: Path):  # type: ignore[no-untyped-def]
    editor = PersonFactory(email="redactie@example.org", roles=["editor"])
    page = visitor.page
    first = tmp_path / "agressie.pdf"
    first.write_bytes(pdf("Druk op de alarmknop onder de balie"))
    second = tmp_path / "agressie-nieuw.docx"
    second.write_bytes(docx("Bel de beveiliging"))
    refused = tmp_path / "script.pdf"
    refused.write_bytes(b"MZ\x90\x00" + b"\x00" * 64)

    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit("/documents/")
    page.click("#folder-new")
    page.wait_for_selector("#folder-form")
    visitor.check_accessibility()
    page.fill("#id_name", "Protocollen")
    page.click("#folder-save")
    page.wait_for_selector("#library-title")
    folder = Folder.objects.get()
    assert page.url == visitor.url(f"/documents/folders/{folder.pk}/")
    visitor.check_accessibility()

    page.click("#document-upload")
    page.wait_for_selector("#upload-form")
    visitor.check_accessibility()
    page.set_input_files("#id_file", str(refused))
    page.fill("#id_title", "Protocol agressie")
    page.click("#upload-save")
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    assert "script.pdf" in page.inner_text("#upload-form")
    assert page.input_value("#id_title") == "Protocol agressie"
    assert not Document.objects.exists()

    page.set_input_files("#id_file", str(first))
    page.click("#upload-save")
    page.wait_for_selector("#document-title")
    document = Document.objects.get()
    assert document.folder == folder
    assert page.get_attribute("#document-preview", "src") == (
        f"/documents/{document.pk}/versions/1/preview/"
    )
    visitor.check_accessibility()
    preview = page.request.get(visitor.url(f"/documents/{document.pk}/versions/1/preview/"))
    assert preview.headers["content-type"] == "application/pdf"

    page.set_input_files("#id_file", str(second))
    page.click("#version-save")
    page.wait_for_selector("#version-2")
    visitor.check_accessibility()
    assert page.locator("#document-preview").count() == 0  # a DOCX has no preview
    with page.expect_download() as download_info:
        page.click("#download-2")
    assert download_info.value.suggested_filename == "agressie-nieuw.docx"

    page.click("#restore-1")
    page.wait_for_selector("#version-3")
    visitor.check_accessibility()
    document.refresh_from_db()
    assert document.current_version.number == 3
    assert document.current_version.restored_from.number == 1
    assert page.locator("#document-preview").count() == 1

    visitor.visit("/documents/?q=alarmknop")
    assert "Protocol agressie" in page.inner_text("#documents-results")
    visitor.check_accessibility()
