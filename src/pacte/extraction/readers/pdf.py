"""PDF (text layer page by page; scanned pages through the OCR) and images (OCR)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from pacte.extraction.readers.base import (
    _DAMAGED,
    _SCAN_TEXT,
    ReadError,
)

# --- pdf ------------------------------------------------------------------------------


def _read_pdf(
    data: bytes, name: str, sha256: str, progress: Callable[[int, int], None] | None
) -> tuple[list[str], tuple[int, ...]]:
    """The text of each page, scanned pages read by OCR; and the numbers of those pages."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    encrypted = "PDF chiffré, impossible à lire sans mot de passe"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(name, encrypted)
        pages = list(reader.pages)
    except (FileNotDecryptedError, DependencyError) as error:
        raise ReadError(name, encrypted) from error
    if not pages:
        raise ReadError(name, f"{_DAMAGED['.pdf']} (aucune page)")
    texts, failures = [], 0
    for page in pages:
        try:  # one broken page must not hide the others
            texts.append((page.extract_text() or "").replace("\f", "\n"))
        except Exception:
            texts.append("")
            failures += 1
    scans = [
        number
        for number, (page, text) in enumerate(zip(pages, texts, strict=True), 1)
        if len("".join(text.split())) < _SCAN_TEXT and _has_picture(page)
    ]
    if failures and not scans and not any(text.strip() for text in texts):
        raise ReadError(name, _DAMAGED[".pdf"])
    if not scans:
        return texts, ()
    from pacte.extraction import ocr

    absent = ocr.missing(pdf=True)
    if absent is not None:
        if any(text.strip() for text in texts):
            return texts, ()  # the text layer of the other pages is still worth reading
        raise ReadError(name, f"aucun texte : document scanné ; {absent}")
    sizes = {number: _longer_side(pages[number - 1]) for number in scans}
    try:
        read = ocr.read_pdf_pages(data, scans, sizes, sha256, progress or ocr.current_progress())
    except ocr.OcrError as error:
        raise ReadError(name, str(error)) from error
    for number, text in read.items():
        texts[number - 1] = text
    return texts, tuple(scans)


def _longer_side(page: Any) -> float:
    try:
        box = page.mediabox
        return float(max(abs(box.width), abs(box.height)))
    except Exception:
        return 842.0  # A4


def _has_picture(page: Any) -> bool:
    """Whether a page draws an image: an image XObject (also inside a form) or an inline one."""
    try:
        if _xobjects_hold_an_image(page.get("/Resources"), depth=0):
            return True
        contents = page.get_contents()
        return (
            contents is not None
            and b"BI" in contents.get_data()
            and (re.search(rb"(?:^|\s)BI\s", contents.get_data()) is not None)
        )
    except Exception:
        return False


def _xobjects_hold_an_image(resources: Any, depth: int) -> bool:
    if resources is None or depth > 4:
        return False
    resources = resources.get_object()
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    if xobjects is None:
        return False
    for reference in xobjects.get_object().values():
        xobject = reference.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _xobjects_hold_an_image(xobject.get("/Resources"), depth + 1):
            return True
    return False


# --- images -----------------------------------------------------------------------------


def _read_image(
    data: bytes,
    name: str,
    extension: str,
    sha256: str,
    progress: Callable[[int, int], None] | None,
) -> list[str]:
    from pacte.extraction import ocr

    absent = ocr.missing(pdf=False)
    if absent is not None:
        raise ReadError(name, f"image à lire par OCR ; {absent}")
    try:
        return ocr.read_image(data, extension, sha256, progress or ocr.current_progress())
    except ocr.OcrError as error:
        pages = ocr.tiff_pages(data) if extension in (".tif", ".tiff") else 1
        if error.unreadable and pages <= 1:
            raise ReadError(name, _DAMAGED[extension]) from error
        raise ReadError(name, str(error)) from error
