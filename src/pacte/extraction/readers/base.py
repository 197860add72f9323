"""What a reader returns (``Document`` and its ``Page`` map), the formats read, the limits,
and ``ReadError``."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = (".txt", ".md", ".docx", ".odt", ".pdf", *IMAGES)
# A PDF page with fewer visible characters than this and a picture is a scan: read by OCR.
_SCAN_TEXT = 20
MAX_BYTES_DEFAULT = 50 * 1024 * 1024
_MEGABYTE = 1024 * 1024
# A docx/odt whose parts unzip to more than this is refused (zip bomb).
_MAX_UNZIPPED = 200 * _MEGABYTE
# Repeated/spanned table cells and rows are expanded at most this many times.
_MAX_REPEAT = 64


@dataclass(frozen=True)
class Page:
    """One page of a PDF, or the whole text of any other format."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A document read from bytes: its normalised text and where each page lies in it."""

    text: str
    pages: tuple[Page, ...]
    format: str
    filename: str
    sha256: str
    size: int
    ocr_pages: tuple[int, ...] = ()
    """Pages read by OCR (all of an image, the scanned pages of a PDF)."""
    apostrophe: str = "'"
    """The apostrophe the source writes: ``’`` when it uses the typographic one more than
    the straight one (the text has ``'`` throughout; names are given back as written)."""
    mixed_source: str = ""
    """The source's text (pages joined, not normalised) when it writes both apostrophes:
    a name is given back with the apostrophes it has there (« Ville d’Arles » beside
    « Pays d'Arles »); empty otherwise."""

    def page_of(self, offset: int) -> int:
        """Number of the page holding ``offset``; a page break belongs to the page it ends.

        ``len(text)`` (the end of a span reaching the last character) is allowed.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"position {offset} hors du texte (0 à {len(self.text)})")
        index = bisect.bisect_right(self.pages, offset, key=lambda page: page.start)
        return self.pages[max(index, 1) - 1].number


class ReadError(ValueError):
    """A document that cannot be read; ``str(error)`` is ``"<file> : <problem>"`` in French."""

    def __init__(self, filename: str, problem: str) -> None:
        super().__init__(f"{filename or '(fichier sans nom)'} : {problem}")
        self.filename = filename
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.filename, self.problem))


_DAMAGED = {
    ".txt": "fichier texte illisible",
    ".md": "fichier texte illisible",
    ".docx": "document Word illisible ou endommagé",
    ".odt": "document OpenDocument illisible ou endommagé",
    ".pdf": "fichier PDF illisible ou endommagé",
    ".png": "image PNG illisible ou endommagée",
    ".jpg": "image JPEG illisible ou endommagée",
    ".jpeg": "image JPEG illisible ou endommagée",
    ".tif": "image TIFF illisible ou endommagée",
    ".tiff": "image TIFF illisible ou endommagée",
}
# What the bytes of each extension are (an .md is a text file, a .jpeg a .jpg).
_KIND = {".md": ".txt", ".jpeg": ".jpg", ".tiff": ".tif"}
