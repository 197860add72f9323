"""Readers: the bytes of an uploaded document become normalised text with a page map.

First stage of extraction (``file ──read──▶ text``). Every later stage reports
character offsets in ``Document.text``; ``Document.page_of`` turns such an offset
into the page a person can open. Pure Python: no Django, and the format libraries
(python-docx, pypdf) are imported only when a document of their format is read.

Formats: ``.txt``/``.md`` (UTF-8, UTF-16 with BOM, cp1252 fallback), ``.docx``
(paragraphs and list labels in order, tables row by row with tab-separated cells,
headers, footers, notes and text boxes ignored), ``.odt`` (same, stdlib XML) and
``.pdf`` (text layer page by page, pages joined by a form feed ``\\f``). Scanned
PDF pages (a picture and no text layer) and images (``.png``, ``.jpg``/``.jpeg``,
``.tif``/``.tiff``) are read by OCR (Tesseract, French model: see ``ocr``), page by page,
with an optional ``progress(page, pages)`` callback. Anything that cannot be read raises
``ReadError`` whose message, in French, names the file, the problem and what to do.

One module per stage: ``base`` (``Document``, ``Page``, limits, ``ReadError``),
``normalised`` (the normalised text), ``plain`` (what the bytes are, plain text, zip
containers), ``office`` (.docx, .odt), ``pdf`` (PDF and images); this module reads a
file through them.

>>> document = read_document("Article 1\\u00a0: l’objet\\r\\n".encode(), "convention.txt")
>>> document.text
"Article 1 : l'objet\\n"
>>> document.pages, document.page_of(10)
((Page(number=1, start=0, end=20),), 1)
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Callable
from pathlib import PurePosixPath

from pacte.extraction.readers.base import (
    _DAMAGED,
    _MEGABYTE,
    IMAGES,
    MAX_BYTES_DEFAULT,
    SUPPORTED,
    Document,
    Page,
    ReadError,
)
from pacte.extraction.readers.normalised import (
    normalise,
)
from pacte.extraction.readers.plain import (
    _read_text,
    _refuse_mismatch,
)


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES_DEFAULT,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Read an uploaded file; every failure is a ``ReadError`` with a French message.

    ``progress(page, pages)`` is called before each page read by OCR (default: the one
    set by ``ocr.reporting``).
    """
    name = filename.strip()
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if extension not in SUPPORTED:
        shown = extension or "sans extension"
        raise ReadError(
            name, f"format non pris en charge ({shown}) ; formats acceptés : {', '.join(SUPPORTED)}"
        )
    if not data:
        raise ReadError(name, "fichier vide")
    if len(data) > max_bytes:
        raise ReadError(
            name,
            f"fichier trop volumineux ({_size(len(data), round_up=True)}, maximum {_size(max_bytes)})",
        )
    _refuse_mismatch(data, name, extension)
    sha256 = hashlib.sha256(data).hexdigest()
    ocr_pages: tuple[int, ...] = ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # each format's reader is imported when a file of its format comes (start-up)
            if extension == ".pdf":
                from pacte.extraction.readers.pdf import _read_pdf

                page_texts, ocr_pages = _read_pdf(data, name, sha256, progress)
            elif extension in IMAGES:
                from pacte.extraction.readers.pdf import _read_image

                page_texts = _read_image(data, name, extension, sha256, progress)
                ocr_pages = tuple(range(1, len(page_texts) + 1))
            elif extension == ".docx":
                from pacte.extraction.readers.office import _read_docx

                page_texts = _read_docx(data, name)
            elif extension == ".odt":
                from pacte.extraction.readers.office import _read_odt

                page_texts = _read_odt(data, name)
            else:
                page_texts = _read_text(data, name)
    except ReadError:
        raise
    except Exception as error:  # a library failing on odd input: the file is the problem
        raise ReadError(name, _DAMAGED[extension]) from error
    text, pages = _assemble(page_texts)
    if not text.strip():
        if extension in IMAGES:
            problem = (
                "aucun texte reconnu dans l'image (OCR) ; vérifiez qu'elle est nette et droite"
            )
        elif ocr_pages:
            problem = "aucun texte reconnu par l'OCR dans ce document scanné"
        elif extension == ".pdf":
            problem = (
                "aucun texte : le PDF ne contient ni couche texte ni image de page à reconnaître"
            )
        else:
            problem = "aucun texte dans le document"
        raise ReadError(name, problem)
    return Document(
        text=text,
        pages=pages,
        format=extension[1:],
        filename=name,
        sha256=sha256,
        size=len(data),
        ocr_pages=ocr_pages,
        apostrophe=_apostrophe(page_texts),
        mixed_source=_mixed_source(page_texts),
    )


def _apostrophe(page_texts: list[str]) -> str:
    """``’`` when the source writes the typographic apostrophe more than the straight one.

    >>> _apostrophe(["l’objet de l’association, l'an"]), _apostrophe(["l'objet"])
    ('’', "'")
    """
    typographic = sum(page.count("’") for page in page_texts)
    return "’" if typographic > sum(page.count("'") for page in page_texts) else "'"


def _mixed_source(page_texts: list[str]) -> str:
    """The pages joined when they write both the typographic and the straight apostrophe.

    >>> _mixed_source(["l’objet, l'an"]), _mixed_source(["l’objet"])
    ("l’objet, l'an", '')
    """
    both = any("’" in page for page in page_texts) and any("'" in page for page in page_texts)
    return "\n".join(page_texts) if both else ""


def _assemble(page_texts: list[str]) -> tuple[str, tuple[Page, ...]]:
    """Normalise each page alone (no hyphen join across pages) and join them with ``\\f``."""
    parts = []
    for page_text in page_texts:
        parts.extend(normalise(page_text).split("\f"))
    pages, start = [], 0
    for number, part in enumerate(parts, 1):
        pages.append(Page(number=number, start=start, end=start + len(part)))
        start += len(part) + 1
    return "\f".join(parts), tuple(pages)


def _size(count: int, *, round_up: bool = False) -> str:
    """A byte count as a French reader says it: ``52,3 Mo``, ``12 ko``, ``800 octets``."""
    for unit, label in ((_MEGABYTE, "Mo"), (1024, "ko")):
        if count >= unit:
            tenths = count * 10 / unit
            value = (math.ceil(tenths) if round_up else round(tenths)) / 10
            return f"{value:.1f}".replace(".0", "").replace(".", ",") + f" {label}"
    return f"{count} octets"


__all__ = [
    "IMAGES",
    "MAX_BYTES_DEFAULT",
    "SUPPORTED",
    "Document",
    "Page",
    "ReadError",
    "normalise",
    "read_document",
]
