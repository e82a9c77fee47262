from datetime import timedelta

import pytest
from django.utils import timezone

from plein.core.tests.utils import messages_of
from plein.documents import files
from plein.documents.models import Document, DocumentVersion, Folder
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .factories import PNG, DocumentFactory, FolderFactory, docx, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):  # type: ignore[no-untyped-def]
    editor = PersonFactory(roles=["editor"])
    client.force_login(editor)
    client.editor = editor
    return client


def test_upload_into_a_folder_and_see_it_listed(editor_client):  # type: ignore[no-untyped-def]
    folder = FolderFactory(space=None, name="Protocollen")
    page = editor_client.get(f"/documents/upload/?folder={folder.pk}")
    assert page.status_code == 200
    response = editor_client.post(
        "/documents/upload/",
        {"folder": folder.pk, "title": "Datalek melden", "file": upload("datalek.pdf")},
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    assert document.folder == folder and document.owner == editor_client.editor
    listing = editor_client.get(f"/documents/folders/{folder.pk}/")
    assert "Datalek melden" in listing.content.decode()


def test_a_refused_file_reshows_the_form_with_a_clear_message(editor_client, settings):  # type: ignore[no-untyped-def]
    response = editor_client.post(
        "/documents/upload/",
        {
            "title": "Mijn titel",
            "description": "Uitleg",
            "file": upload("virus.pdf", b"MZ\x90\x00" * 20),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "virus.pdf is not a type the library takes" in body
    assert 'value="Mijn titel"' in body and "Uitleg" in body
    settings.PLEIN_MAX_DOCUMENT_BYTES = 10
    response = editor_client.post("/documents/upload/", {"title": "T", "file": upload()})
    assert response.status_code == 400 and "is too large" in response.content.decode()
    assert not Document.objects.exists()


def test_an_unknown_owner_email_is_refused(editor_client):  # type: ignore[no-untyped-def]
    response = editor_client.post(
        "/documents/upload/", {"title": "T", "owner": "nobody@example.org", "file": upload()}
    )
    assert response.status_code == 400
    assert "Nobody active" in response.content.decode()


def test_employees_cannot_upload_to_the_organisation_library(logged_in_client):  # type: ignore[no-untyped-def]
    assert logged_in_client.get("/documents/upload/").status_code == 403
    assert (
        logged_in_client.post("/documents/upload/", {"title": "T", "file": upload()}).status_code
        == 403
    )
    assert logged_in_client.post("/documents/folders/new/", {"name": "X"}).status_code == 403
    page = logged_in_client.get("/documents/").content.decode()
    assert 'id="document-upload"' not in page


def test_space_members_upload_and_make_folders(client):  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind="closed", slug="projectteam")
    member = MembershipFactory(space=space).person
    client.force_login(member)
    response = client.post("/documents/spaces/projectteam/folders/new/", {"name": "Planning"})
    folder = Folder.objects.get()
    assert response.status_code == 302 and folder.space == space
    response = client.post(
        "/documents/spaces/projectteam/upload/",
        {"folder": folder.pk, "title": "Verhuisplanning", "file": upload()},
    )
    assert Document.objects.get().space == space
    # A folder of another library is not accepted.
    other = FolderFactory(space=None)
    response = client.post(
        "/documents/spaces/projectteam/upload/",
        {"folder": other.pk, "title": "X", "file": upload()},
    )
    assert response.status_code == 404


def test_secret_space_library_is_not_found(logged_in_client):  # type: ignore[no-untyped-def]
    SpaceFactory(kind="secret", slug="geheim")
    SpaceFactory(kind="closed", slug="dicht")
    assert logged_in_client.get("/documents/spaces/geheim/").status_code == 404
    assert logged_in_client.get("/documents/spaces/dicht/").status_code == 403
    assert logged_in_client.get("/documents/spaces/geheim/upload/").status_code == 404


def test_download_headers(logged_in_client):  # type: ignore[no-untyped-def]
    document = DocumentFactory()
    version = document.current_version
    version.name = "page.html"
    version.save()
    response = logged_in_client.get(f"/documents/{document.pk}/versions/1/")
    assert response.status_code == 200
    assert response["Content-Type"] == files.PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="page.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_preview_only_for_pdf_and_images(logged_in_client, editor_client):  # type: ignore[no-untyped-def]
    document = DocumentFactory()
    response = logged_in_client.get(f"/documents/{document.pk}/versions/1/preview/")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == files.PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    page = logged_in_client.get(document.get_absolute_url()).content.decode()
    assert f'id="document-preview" src="/documents/{document.pk}/versions/1/preview/"' in page

    editor = editor_client.editor
    image = DocumentFactory(owner=editor)
    editor_client.post(f"/documents/{image.pk}/versions/", {"file": upload("foto.png", PNG)})
    response = editor_client.get(f"/documents/{image.pk}/versions/2/preview/")
    assert (
        response["Content-Type"] == files.PNG and "sandbox" in response["Content-Security-Policy"]
    )

    word = DocumentFactory(owner=editor)
    editor_client.post(f"/documents/{word.pk}/versions/", {"file": upload("a.docx", docx())})
    assert editor_client.get(f"/documents/{word.pk}/versions/2/preview/").status_code == 404
    assert (
        'id="document-preview"' not in editor_client.get(word.get_absolute_url()).content.decode()
    )


def test_new_version_and_restore_through_the_pages(editor_client):  # type: ignore[no-untyped-def]
    document = DocumentFactory(owner=editor_client.editor)
    response = editor_client.post(
        f"/documents/{document.pk}/versions/", {"file": upload("v2.docx", docx("Nieuw"))}
    )
    assert response.status_code == 302
    assert "Version 2 uploaded." in messages_of(editor_client.get(document.get_absolute_url()))
    response = editor_client.post(
        f"/documents/{document.pk}/versions/", {"file": upload("x", b"\x00\x01")}
    )
    assert response.status_code == 400 and "not a type" in response.content.decode()
    response = editor_client.post(f"/documents/{document.pk}/versions/1/restore/")
    document.refresh_from_db()
    assert (
        document.current_version.number == 3 and document.current_version.restored_from.number == 1
    )
    page = editor_client.get(document.get_absolute_url()).content.decode()
    assert 'id="restore-1"' in page and 'id="restore-3"' not in page


def test_readers_cannot_change(logged_in_client):  # type: ignore[no-untyped-def]
    document = DocumentFactory()
    assert (
        logged_in_client.post(f"/documents/{document.pk}/versions/", {"file": upload()}).status_code
        == 403
    )
    assert logged_in_client.post(f"/documents/{document.pk}/versions/1/restore/").status_code == 403
    assert logged_in_client.get(f"/documents/{document.pk}/edit/").status_code == 403
    assert logged_in_client.post(f"/documents/{document.pk}/delete/").status_code == 403
    assert DocumentVersion.objects.count() == 1


def test_edit_details_and_overdue_marker(editor_client):  # type: ignore[no-untyped-def]
    document = DocumentFactory()
    other = PersonFactory(email="collega@example.org")
    yesterday = timezone.localdate() - timedelta(days=1)
    response = editor_client.post(
        f"/documents/{document.pk}/edit/",
        {
            "title": "Nieuwe titel",
            "owner": "collega@example.org",
            "review_on": yesterday.isoformat(),
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.owner == other and document.review_on == yesterday
    page = editor_client.get(document.get_absolute_url()).content.decode()
    assert 'id="document-overdue"' in page


def test_search_finds_title_and_extracted_text(logged_in_client):  # type: ignore[no-untyped-def]
    hit = DocumentFactory(title="Handboek")
    DocumentVersion.objects.filter(pk=hit.current_version.pk).update(
        text="de alarmknop onder de balie"
    )
    DocumentFactory(title="Iets anders")
    secret = SpaceFactory(kind="secret")
    DocumentFactory(space=secret, title="Alarmknop geheim")
    page = logged_in_client.get("/documents/?q=alarmknop").content.decode()
    assert "Handboek" in page and "Iets anders" not in page and "geheim" not in page


def test_folder_delete_only_when_empty(editor_client):  # type: ignore[no-untyped-def]
    folder = FolderFactory(space=None)
    DocumentFactory(folder=folder)
    response = editor_client.post(f"/documents/folders/{folder.pk}/delete/")
    assert response.status_code == 302 and Folder.objects.exists()
    empty = FolderFactory(space=None)
    editor_client.post(f"/documents/folders/{empty.pk}/delete/")
    assert not Folder.objects.filter(pk=empty.pk).exists()


def test_query_counts_stay_flat(editor_client, django_assert_num_queries):  # type: ignore[no-untyped-def]
    folder = FolderFactory(space=None)
    space = SpaceFactory(slug="team")
    MembershipFactory(space=space, person=editor_client.editor)

    def load(url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        return len(queries)

    DocumentFactory(folder=folder)
    DocumentFactory(space=space)
    FolderFactory(space=None, parent=folder)
    urls = [f"/documents/folders/{folder.pk}/", "/documents/spaces/team/", "/documents/?q=Document"]
    for url in urls:
        load(url)  # warm the caches (branding, session)
    before = [load(url) for url in urls]
    for _ in range(5):
        DocumentFactory(folder=folder)
        DocumentFactory(space=space)
        FolderFactory(space=None, parent=folder)
    for url, count in zip(urls, before, strict=True):
        with django_assert_num_queries(count):
            assert editor_client.get(url).status_code == 200
    document = DocumentFactory(folder=folder)
    load(document.get_absolute_url())
    first = load(document.get_absolute_url())
    for _ in range(4):
        DocumentVersion.objects.create(
            document=document,
            number=DocumentVersion.objects.filter(document=document).count() + 1,
            file="documents/x",
            name="x.pdf",
            content_type=files.PDF,
            uploaded_at=timezone.now(),
            uploaded_by=PersonFactory(),
        )
    assert load(document.get_absolute_url()) == first
