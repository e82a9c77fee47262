import io

import pytest

from plein.documents import files

from .factories import PNG, docx, odt, pdf


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (pdf(), "a.pdf", files.PDF),
        (pdf(), "looks-like-a-doc.docx", files.PDF),
        (docx(), "renamed.pdf", files.DOCX),
        (odt(), "verlof.odt", files.ODT),
        (PNG, "photo.jpg", files.PNG),
        ("Gewone tekst met é\n".encode(), "notes.txt", files.TXT),
        (b"naam;afdeling\nJan;Burgerzaken\n", "lijst.csv", files.CSV),
    ],
)
def test_type_is_detected_by_content(data: bytes, name: str, expected: str) -> None:
    assert files.detect(io.BytesIO(data), name) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100,  # exe
        b"PK\x03\x04" + b"\x00" * 100,  # a broken zip
        b"\x00\x01\x02\x03binary",
        b"",
    ],
)
def test_other_content_is_refused(data: bytes) -> None:
    assert files.detect(io.BytesIO(data), "harmless.pdf") is None


def test_a_plain_zip_is_refused() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.html", "<script>alert(1)</script>")
    assert files.detect(io.BytesIO(out.getvalue()), "report.docx") is None


def test_text_is_extracted_from_pdf_docx_and_odt() -> None:
    assert "Rijbewijs verlengen" in files.extract_text(pdf("Rijbewijs verlengen"), files.PDF)
    assert "Thuiswerkvergoeding" in files.extract_text(docx("Thuiswerkvergoeding"), files.DOCX)
    assert "Bijzonder verlof" in files.extract_text(odt("Bijzonder verlof"), files.ODT)


def test_broken_files_give_no_text_and_no_error() -> None:
    assert files.extract_text(b"%PDF-1.4 broken", files.PDF) == ""
    assert files.extract_text(b"PK\x03\x04garbage", files.DOCX) == ""
    assert files.extract_text(PNG, files.PNG) == ""


def test_extracted_text_is_capped() -> None:
    assert len(files.extract_text(b"a" * (files.MAX_TEXT + 50), files.TXT)) == files.MAX_TEXT


def test_download_name_carries_the_extension_of_the_detected_type() -> None:
    assert files.download_name("protocol.pdf", files.PDF) == "protocol.pdf"
    assert files.download_name("page.html", files.PDF) == "page.pdf"
    assert files.download_name("photo.JPEG", files.JPEG) == "photo.JPEG"
