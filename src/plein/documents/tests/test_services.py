from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from plein.documents import files, services
from plein.documents.models import Document, DocumentVersion, Folder
from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .factories import DocumentFactory, FolderFactory, docx, odt, pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():  # type: ignore[no-untyped-def]
    return PersonFactory(roles=["editor"])


def _create(editor, django_capture_on_commit_callbacks, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("upload", upload())
    kwargs.setdefault("folder", None)
    kwargs.setdefault("space", None)
    with django_capture_on_commit_callbacks(execute=True):
        return services.document_create(by=editor, title="Protocol", **kwargs)


def test_upload_detects_type_by_content_and_extracts_text(  # type: ignore[no-untyped-def]
    editor, django_capture_on_commit_callbacks
):
    document = _create(
        editor,
        django_capture_on_commit_callbacks,
        upload=upload("handboek.pdf", docx("Welkom bij de gemeente")),
    )
    version = DocumentVersion.objects.get(document=document)
    assert version.content_type == files.DOCX
    assert version.name == "handboek.pdf"
    assert "Welkom bij de gemeente" in version.text
    assert document.owner == editor
    assert document.current_version == version
    assert not version.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><script>alert(1)</script></html>\x00", "not a type"),
        (b"MZ\x90\x00" + b"\x00" * 50, "not a type"),
        (b"", "empty"),
    ],
)
def test_refused_types_write_nothing(editor, data, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.document_create(
            by=editor, space=None, folder=None, title="X", upload=upload("x.pdf", data)
        )
    assert message in str(error.value.message_dict["file"])
    assert not Document.objects.exists()


def test_too_large_is_refused(editor, settings):  # type: ignore[no-untyped-def]
    settings.PLEIN_MAX_DOCUMENT_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.document_create(by=editor, space=None, folder=None, title="X", upload=upload())
    assert "too large" in str(error.value.message_dict["file"])
    assert not DocumentVersion.objects.exists()


def test_only_writers_upload() -> None:
    with pytest.raises(PermissionDenied):
        services.document_create(
            by=PersonFactory(), space=None, folder=None, title="X", upload=upload()
        )
    space = SpaceFactory()
    member = MembershipFactory(space=space).person
    document = services.document_create(
        by=member, space=space, folder=None, title="Notulen", upload=upload()
    )
    assert document.space == space


def test_a_folder_of_another_library_is_refused(editor) -> None:  # type: ignore[no-untyped-def]
    folder = FolderFactory(space=SpaceFactory())
    with pytest.raises(ValidationError):
        services.document_create(by=editor, space=None, folder=folder, title="X", upload=upload())


def test_new_versions_keep_the_old_ones_and_restore_copies(  # type: ignore[no-untyped-def]
    editor, django_capture_on_commit_callbacks
):
    document = _create(
        editor, django_capture_on_commit_callbacks, upload=upload("a.pdf", pdf("Eerste"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.version_add(
            document=document, by=editor, upload=upload("b.odt", odt("Tweede"))
        )
    first = document.versions.get(number=1)
    assert second.number == 2 and "Tweede" in DocumentVersion.objects.get(pk=second.pk).text
    document.refresh_from_db()
    assert document.current_version == second

    with django_capture_on_commit_callbacks(execute=True):
        third = services.version_restore(document=document, by=editor, version=first)
    document.refresh_from_db()
    assert third.number == 3 and third.restored_from == first
    assert document.current_version == third
    assert third.content_type == files.PDF and third.name == "a.pdf"
    assert third.file.name != first.file.name
    with third.file.open("rb") as new, first.file.open("rb") as old:
        assert new.read() == old.read()
    assert "Eerste" in third.text
    assert document.versions.count() == 3
    with pytest.raises(ValidationError):
        services.version_restore(document=document, by=editor, version=third)


def test_only_the_owner_or_a_manager_adds_versions() -> None:
    space = SpaceFactory()
    document = DocumentFactory(space=space)
    member = MembershipFactory(space=space).person
    with pytest.raises(PermissionDenied):
        services.version_add(document=document, by=member, upload=upload())
    moderator = MembershipFactory(space=space, role="moderator").person
    assert services.version_add(document=document, by=moderator, upload=upload()).number == 2
    assert services.version_add(document=document, by=document.owner, upload=upload()).number == 3


def test_delete_removes_the_files(editor, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    document = _create(editor, django_capture_on_commit_callbacks)
    storage = DocumentVersion._meta.get_field("file").storage
    name = document.current_version.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document, by=editor)
    assert not storage.exists(name)
    assert not DocumentVersion.objects.exists()


def test_folders(editor) -> None:  # type: ignore[no-untyped-def]
    top = services.folder_create(by=editor, space=None, parent=None, name="  Protocollen ")
    assert top.name == "Protocollen"
    with pytest.raises(ValidationError):
        services.folder_create(by=editor, space=None, parent=None, name="protocollen")
    child = services.folder_create(by=editor, space=None, parent=top, name="Balie")
    with pytest.raises(ValidationError):
        services.folder_delete(folder=top, by=editor)
    services.folder_rename(folder=child, by=editor, name="Publiekszaken")
    services.folder_delete(folder=child, by=editor)
    services.folder_delete(folder=top, by=editor)
    assert not Folder.objects.exists()
    with pytest.raises(PermissionDenied):
        services.folder_create(by=PersonFactory(), space=None, parent=None, name="X")


def test_the_owner_is_reminded_once_per_passed_review_date(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    owner = PersonFactory(email="eigenaar@example.org")
    due = DocumentFactory(owner=owner, review_on=today - timedelta(days=1), title="Datalek")
    DocumentFactory(owner=owner, review_on=today + timedelta(days=3))
    DocumentFactory(owner=PersonFactory(is_active=False), review_on=today - timedelta(days=2))
    secret = SpaceFactory(kind="secret")
    DocumentFactory(space=secret, review_on=today - timedelta(days=2))  # owner not a member

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-document-reviews")
    assert [m.to for m in mail.outbox] == [["eigenaar@example.org"]]
    assert "Datalek" in mail.outbox[0].subject
    assert f"/documents/{due.pk}/" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_send() == 0
    assert len(mail.outbox) == 1

    due.review_on = today  # the review day itself has not passed yet
    due.save()
    assert services.reviews_send() == 0
    # A new review date that passes is reminded again.
    assert services.reviews_send(today=today + timedelta(days=1)) == 1
