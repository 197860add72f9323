"""The web import reads scans too: a scanned PDF and a PNG become drafts with their pages.

Skipped, with the reason, where Tesseract, its French model or pdftoppm is absent.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from scans import image_pdf, ocr_skip_reason, png, rasterise, text_pdf
from test_ocr import CONVENTION

from factories import UserFactory
from pacte.documents.models import ImportDraft
from pacte.extraction import ocr

REASON = ocr_skip_reason()
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
]


@pytest.fixture
def admin(settings, tmp_path: Path) -> Client:
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(UserFactory(username="admin", admin=True))
    return client


def test_web_import_of_a_scanned_pdf_and_an_image(admin: Client) -> None:
    ocr.clear_cache()
    pages = rasterise(text_pdf(CONVENTION), dpi=300)
    scan = SimpleUploadedFile("convention-scannée.pdf", image_pdf(pages, dpi=300))
    image = SimpleUploadedFile("page-1.png", png(pages[0]))

    page = admin.get(reverse("import_list")).content.decode()
    assert ".png,.jpg,.jpeg,.tif,.tiff" in page  # the file picker offers images

    response = admin.post(reverse("import_list"), {"files": [scan, image]})

    assert response.status_code == 302, html.unescape(response.content.decode())
    drafts = {d.source.original_filename: d for d in ImportDraft.objects.all()}
    assert set(drafts) == {"convention-scannée.pdf", "page-1.png"}
    draft = drafts["convention-scannée.pdf"]
    assert draft.doc_type == "convention"
    assert draft.key_terms["signature_date"] == "2026-02-02"
    assert {span["page"] for span in draft.spans.values()} == {1, 2}
    shown = html.unescape(admin.get(reverse("import_draft", args=[draft.pk])).content.decode())
    assert "Ateliers du Canal" in shown  # the source text, read again (from the OCR cache)


def test_cli_import_of_a_scan_shows_progress(
    admin: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pacte.cli import main

    ocr.clear_cache()
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(rasterise(text_pdf(CONVENTION), dpi=300), dpi=300))

    code = main(["import", str(path)])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "[1/1] scan.pdf … OCR : page 1/2" in err and "[1/1] scan.pdf … OCR : page 2/2" in err
    assert "[1/1] scan.pdf … brouillon n° " in out
    assert ImportDraft.objects.get().doc_type == "convention"
