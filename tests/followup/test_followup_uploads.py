"""Uploaded files: accepted types (by extension and content) and size, refused in French."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacte.followup.uploads import UploadError, check_upload, file_kind

PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("rapport.pdf", PDF, "pdf"),
        ("Rapport.PDF", PDF, "pdf"),
        ("pv.docx", DOCX, "docx"),
        ("pv.odt", ODT, "odt"),
        ("scan.png", PNG, "png"),
        ("scan.jpg", JPEG, "jpg"),
        ("scan.jpeg", JPEG, "jpeg"),
    ],
)
def test_accepted_types(name: str, data: bytes, kind: str) -> None:
    assert file_kind(name, data) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ", "n'est pas d'un type accepté"),
        ("sans-extension", PDF, "n'est pas d'un type accepté"),
        ("faux.pdf", b"<html>", "n'est pas un document PDF valide"),
        ("faux.docx", ODT, "n'est pas un document Word (DOCX) valide"),
        ("faux.odt", DOCX, "n'est pas un document OpenDocument (ODT) valide"),
        ("faux.png", JPEG, "n'est pas une image PNG valide"),
        ("casse.docx", b"PK\x03\x04 pas une archive", "valide"),
    ],
)
def test_wrong_types_are_refused(name: str, data: bytes, message: str) -> None:
    with pytest.raises(UploadError, match=re.escape(message)):
        file_kind(name, data)


def test_too_big_is_refused_with_the_limit(settings) -> None:
    settings.PACTE_UPLOAD_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("gros.pdf", PDF + b"0" * (2 * 1024 * 1024))
    with pytest.raises(UploadError) as error:
        check_upload(upload)
    assert "pèse 2 Mo : la taille maximale est de 1 Mo" in str(error.value)


def test_default_limit_is_twenty_megabytes(settings) -> None:
    del settings.PACTE_UPLOAD_MAX_BYTES
    upload = SimpleUploadedFile("gros.pdf", PDF + b"0" * (20 * 1024 * 1024))
    with pytest.raises(UploadError, match="la taille maximale est de 20 Mo"):
        check_upload(upload)


def test_empty_file_is_refused() -> None:
    with pytest.raises(UploadError, match="est vide"):
        check_upload(SimpleUploadedFile("vide.pdf", b""))


def test_accepted_upload_gives_its_type_and_is_rewound() -> None:
    upload = SimpleUploadedFile("rapport.pdf", PDF)
    assert check_upload(upload).content_type == "application/pdf"
    assert upload.read() == PDF
