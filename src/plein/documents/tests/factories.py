import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from plein.documents import files
from plein.documents.demo import docx_bytes, pdf_bytes
from plein.documents.models import Document, DocumentVersion, Folder
from plein.people.tests.factories import PersonFactory

ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    "<office:body><office:text><text:h>{title}</text:h><text:p>{body}</text:p>"
    "</office:text></office:body></office:document-content>"
)


def pdf(text: str = "Protocol agressie aan de balie") -> bytes:
    return pdf_bytes("Titel", (text,), 1)


def docx(text: str = "Handboek nieuwe medewerkers") -> bytes:
    return docx_bytes("Titel", (text,), 1)


def odt(text: str = "Verlofregeling") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", files.ODT, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", ODT_CONTENT.format(title="Kop", body=text))
    return out.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(name: str = "protocol.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf() if data is None else data)


class FolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Folder

    name = factory.Sequence(lambda n: f"Map {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document with one PDF version (file written to storage)."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Document {n}")
    owner = factory.SubFactory(PersonFactory)

    @factory.post_generation
    def version(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create or extracted is False:
            return
        data = pdf(self.title)
        row = DocumentVersion(
            document=self,
            number=1,
            name="document.pdf",
            content_type=files.PDF,
            size=len(data),
            uploaded_by=self.owner,
            uploaded_at=self.created_at,
        )
        row.file.save("document", SimpleUploadedFile("d", data), save=True)
        self.current_version = row
        self.save(update_fields=["current_version"])
