"""What a document file is (detected from its content, never from its name) and its text.

Only the types in ALLOWED may be uploaded. Office files are zip archives: they are told apart by
the members inside (OOXML) or the `mimetype` member (OpenDocument), not by the file's extension.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import PurePosixPath
from typing import IO

import filetype
from defusedxml import ElementTree

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
TXT = "text/plain"
CSV = "text/csv"
PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"

# Allowed types and the extensions a download of each may carry (the first is the usual one).
ALLOWED: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    ODS: (".ods",),
    ODP: (".odp",),
    TXT: (".txt", ".text", ".md"),
    CSV: (".csv",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    GIF: (".gif",),
    WEBP: (".webp",),
}
PREVIEW_TYPES = frozenset({PDF, PNG, JPEG, GIF, WEBP})
OOXML_MEMBERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_TYPES = {ODT, ODS, ODP}
MAX_TEXT = 200_000
TEXT_SNIFF_BYTES = 1024 * 1024


def _zip_type(handle: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return declared if declared in ODF_TYPES else None
            for member, content_type in OOXML_MEMBERS.items():
                if member in names:
                    return content_type
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_text(handle: IO[bytes]) -> bool:
    sample = handle.read(TEXT_SNIFF_BYTES)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is fine.
        if error.start < len(sample) - 4:
            return False
    return True


def detect(handle: IO[bytes], name: str) -> str | None:
    """The allowed type of this file, judged by its content; None when it is not allowed. The
    name only tells CSV from plain text, which have the same content."""
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    try:
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(handle)
        kind = filetype.guess(head)
        if kind is not None:
            return kind.mime if kind.mime in ALLOWED else None
        if head and _is_text(handle):
            return CSV if PurePosixPath(name.lower()).suffix == ".csv" else TXT
        return None
    finally:
        handle.seek(0)


def download_name(name: str, content_type: str) -> str:
    """The original name, with the extension that goes with the detected type."""
    path = PurePosixPath(name.replace("\\", "/"))
    extensions = ALLOWED.get(content_type, ("",))
    if path.suffix.lower() in extensions:
        return path.name
    return (path.stem or "document") + extensions[0]


# Text extraction -------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_TEXT:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _odf_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    body = next((el for el in root if el.tag.endswith("}body")), root)
    lines: list[str] = []
    for element in body.iter():
        if element.tag.rsplit("}", 1)[-1] in ("p", "h"):
            lines.append("".join(element.itertext()))
    return "\n".join(lines)


def _plain_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


EXTRACTORS = {PDF: _pdf_text, DOCX: _docx_text, ODT: _odf_text, TXT: _plain_text, CSV: _plain_text}


def extract_text(data: bytes, content_type: str) -> str:
    """The text of a file for search, at most MAX_TEXT characters; empty for types without
    text and for broken files (a broken file is logged, never raised)."""
    extractor = EXTRACTORS.get(content_type)
    if extractor is None:
        return ""
    try:
        text = extractor(data)
    except Exception:  # a broken or hostile file must not stop anything
        logger.warning("Could not extract the text of a %s file", content_type, exc_info=True)
        return ""
    return text.replace("\x00", "")[:MAX_TEXT].strip()
