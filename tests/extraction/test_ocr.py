"""OCR end to end: scans made from a known convention are read back by Tesseract (French
model) and the key values come out; progress page by page; clear French refusals.

Skipped, with the reason, where Tesseract, its French model or pdftoppm is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scans import image_pdf, jpeg_pages, ocr_skip_reason, png, rasterise, text_pdf, tiff

from pacte.extraction import ocr
from pacte.extraction.pipeline import extract_document
from pacte.extraction.readers import ReadError, read_document

REASON = ocr_skip_reason()
needs_ocr = pytest.mark.skipif(REASON is not None, reason=REASON or "")

CONVENTION = [
    [
        "CONVENTION DE PARTENARIAT",
        "",
        "ENTRE",
        "La Ville de Saint-Gwenaël, représentée par son Maire, Monsieur Paul DURAND,",
        "dûment habilité par délibération du conseil municipal du 12 janvier 2026,",
        "ci-après dénommée « la Ville »,",
        "",
        "ET",
        "L'association Les Ateliers du Canal, représentée par sa Présidente,",
        "Madame Claire MARTIN, ci-après dénommée « l'Association »,",
        "",
        "IL EST CONVENU CE QUI SUIT :",
        "",
        "Article 1 - Objet",
        "La présente convention a pour objet le soutien de la Ville aux ateliers de quartier.",
    ],
    [
        "Article 2 - Durée",
        "La présente convention est conclue pour une durée de trois ans.",
        "",
        "Article 3 - Montant de la subvention",
        "La Ville attribue à l'Association une subvention de 2 500 euros pour 2026.",
        "",
        "Article 4 - Résiliation",
        "Chaque partie peut dénoncer la convention moyennant un préavis de trois mois.",
        "",
        "Fait à Saint-Gwenaël, le 2 février 2026",
    ],
]


@pytest.fixture(scope="module")
def pages() -> list:
    if REASON is not None:
        pytest.skip(REASON)
    ocr.clear_cache()
    return rasterise(text_pdf(CONVENTION), dpi=300)


def assert_key_values(document) -> None:  # type: ignore[no-untyped-def]
    result = extract_document(document)
    terms = result.key_terms
    assert result.doc_type == "convention"
    assert "2026-01-12" in terms["authorising_deliberation_dates"]
    assert terms["signature_date"] == "2026-02-02"
    assert terms["duration"] == {"value": 3, "unit": "year"}
    assert any(float(amount) == 2500 for amount in _amounts(terms["amounts"]))
    names = " ".join(party["name"] for party in terms["parties"])
    assert "Saint-Gwenaël" in names and "Ateliers du Canal" in names
    # spans keep their page: the amount is read on page 2 of a two-page scan
    if len(document.pages) == 2:
        amount_page = document.page_of(document.text.index("2 500"))
        assert amount_page == 2


def _amounts(amounts) -> list:  # type: ignore[no-untyped-def]
    values = []
    for amount in amounts:
        values.append(amount["amount"] if isinstance(amount, dict) else amount)
    return values


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_page_by_page(pages) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    document = read_document(
        image_pdf(pages, dpi=300), "convention-signée.pdf", progress=lambda *a: calls.append(a)
    )

    assert calls == [(1, 2), (2, 2)]
    assert document.ocr_pages == (1, 2)
    assert len(document.pages) == 2
    assert "CONVENTION DE PARTENARIAT" in document.text
    assert_key_values(document)


@needs_ocr
@pytest.mark.parametrize("kind", ["png", "jpg", "tif"])
def test_images_are_read_by_ocr(pages, kind: str) -> None:  # type: ignore[no-untyped-def]
    if kind == "png":
        files = [png(page) for page in pages]
    elif kind == "jpg":
        files = jpeg_pages(text_pdf(CONVENTION), dpi=300)
    else:
        files = [tiff(pages)]  # one file, two pages
    texts = [read_document(data, f"scan.{kind}") for data in files]
    for document in texts:
        assert document.format == kind
        assert document.ocr_pages == tuple(range(1, len(document.pages) + 1))
    text = "\n".join(document.text for document in texts)
    assert "Saint-Gwenaël" in text and "2 500" in text and "DURAND" in text
    if kind == "tif":
        assert len(texts[0].pages) == 2
        assert_key_values(texts[0])


@needs_ocr
def test_a_pdf_with_text_pages_and_a_scanned_page_reads_both() -> None:
    text_page = text_pdf([["Article 1 - Objet de la convention"]])
    scan = image_pdf(rasterise(text_pdf([["Article 2 - Durée de trois ans"]]), dpi=300), dpi=300)
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (text_page, scan):
        for page in PdfReader(BytesIO(data)).pages:
            writer.add_page(page)
    out = BytesIO()
    writer.write(out)
    calls: list[tuple[int, int]] = []
    document = read_document(out.getvalue(), "mixte.pdf", progress=lambda *a: calls.append(a))

    assert document.ocr_pages == (2,)
    assert calls == [(1, 1)]
    assert "Objet de la convention" in document.text.split("\f")[0]
    assert "Durée de trois ans" in document.text.split("\f")[1]


@needs_ocr
def test_a_20_page_scan_reports_progress_for_every_page() -> None:
    ocr.clear_cache()
    source = text_pdf([[f"Page {number} sur 20"] for number in range(1, 21)], width=200, height=50)
    scan = image_pdf(rasterise(source, dpi=150), dpi=150)
    calls: list[tuple[int, int]] = []

    document = read_document(scan, "archive.pdf", progress=lambda *a: calls.append(a))

    assert calls == [(number, 20) for number in range(1, 21)]
    assert len(document.pages) == 20
    assert "Page 7 sur 20" in document.text.split("\f")[6]
    assert document.page_of(document.text.index("Page 13")) == 13


@needs_ocr
def test_progress_set_by_reporting_reaches_the_reader(pages) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    with ocr.reporting(lambda *a: calls.append(a)):
        read_document(png(pages[1]), "page2.png")
    assert calls == [(1, 1)]


@needs_ocr
def test_cli_extract_shows_ocr_progress_on_stderr(pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ocr.clear_cache()
    path = tmp_path / "convention-scannée.pdf"
    path.write_bytes(image_pdf(pages, dpi=300))
    pacte = Path(sys.executable).with_name("pacte")
    done = subprocess.run(
        [str(pacte), "extract", str(path)], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert "OCR : page 1/2" in done.stderr and "OCR : page 2/2" in done.stderr
    assert "Saint-Gwenaël" in done.stdout
    assert re.search(r"Montants : 2500,00 € pour 2026  \(page 2, ligne \d+\)", done.stdout)


# --- refusals -------------------------------------------------------------------------


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm absent (poppler-utils)")
def test_a_scan_without_tesseract_is_refused_in_french(no_tools: None) -> None:
    from scans import Raster

    scan = image_pdf([Raster(8, 8, bytes(64))])
    with pytest.raises(ReadError) as caught:
        read_document(scan, "scan.pdf")
    assert str(caught.value) == (
        "scan.pdf : aucun texte : document scanné ; la reconnaissance de caractères (OCR) "
        "demande Tesseract, absent de ce serveur (paquets Debian tesseract-ocr et tesseract-ocr-fra)"
    )
    with pytest.raises(ReadError) as caught:
        read_document(png(Raster(8, 8, bytes(64))), "photo.png")
    assert str(caught.value).startswith("photo.png : image à lire par OCR ; la reconnaissance")


def test_a_missing_french_model_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ocr.missing(pdf=False) == (
        "le modèle français de Tesseract n'est pas installé sur ce serveur "
        "(paquet Debian tesseract-ocr-fra) : OCR impossible"
    )


def test_a_text_pdf_does_not_need_ocr(no_tools: None) -> None:
    document = read_document(text_pdf([["Article 1 : Objet"], []]), "texte.pdf")
    assert document.ocr_pages == ()
    assert "Article 1 : Objet" in document.text


def test_a_pdf_without_text_or_picture_is_refused() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(text_pdf([[], []]), "vide.pdf")
    assert str(caught.value) == (
        "vide.pdf : aucun texte : le PDF ne contient ni couche texte ni image de page à reconnaître"
    )


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"not an image", "a.png", "a.png : image PNG illisible ou endommagée"),
        (
            b"\x89PNG\r\n\x1a\n",
            "a.jpg",
            "a.jpg : le contenu ne correspond pas à l'extension .jpg : c'est une image PNG ; renommez-le en .png",
        ),
        (
            b"\xff\xd8\xff\xe0",
            "a.tiff",
            "a.tiff : le contenu ne correspond pas à l'extension .tiff : c'est une image JPEG ; renommez-le en .jpg",
        ),
        (
            b"II*\x00",
            "a.pdf",
            "a.pdf : le contenu ne correspond pas à l'extension .pdf : c'est une image TIFF ; renommez-le en .tif",
        ),
    ],
)
def test_images_that_are_not_what_they_say_are_refused(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(data, filename)
    assert str(caught.value) == message


@needs_ocr
@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n" + b"abimee" * 50,
            "a.png",
            "a.png : image PNG illisible ou endommagée",
        ),
        (b"\xff\xd8\xff\xe0" + bytes(300), "a.jpeg", "a.jpeg : image JPEG illisible ou endommagée"),
        (
            b"II*\x00\x08\x00\x00\x00" + bytes(50),
            "a.tif",
            "a.tif : image TIFF illisible ou endommagée",
        ),
    ],
)
def test_damaged_images_are_refused_in_french(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(data, filename)
    assert str(caught.value) == message


def test_an_oversized_image_is_refused_before_ocr() -> None:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (20000).to_bytes(4, "big") * 2
    with pytest.raises(ocr.OcrError) as caught:
        ocr.read_image(header + bytes(32), ".png", "0" * 64)
    assert "image trop grande pour l'OCR (20000 × 20000 pixels)" in str(caught.value)


def test_image_sizes_and_tiff_pages_are_read_from_headers() -> None:
    from scans import Raster

    raster = Raster(12, 7, bytes(84))
    assert ocr.image_size(png(raster)) == (12, 7)
    assert ocr.image_size(tiff([raster, raster, raster])) == (12, 7)
    assert ocr.tiff_pages(tiff([raster, raster, raster])) == 3
    assert ocr.image_size(b"nothing") is None


@needs_ocr
def test_a_page_over_the_time_limit_is_refused_in_french(
    pages, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ocr.clear_cache()
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 0.001)
    with pytest.raises(ReadError) as caught:
        read_document(image_pdf(pages[:1], dpi=300), "lent.pdf")
    assert str(caught.value).startswith(
        "lent.pdf : OCR : la page 1 n'a pas été lue en moins de 0 s"
    )
