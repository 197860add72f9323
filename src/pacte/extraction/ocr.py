"""OCR: the text of scanned pages and images, read by Tesseract with its French model.

Used by ``readers`` for images (PNG, JPEG, TIFF) and for the pages of a PDF that carry a
picture and no text layer. Each PDF page is rendered alone by ``pdftoppm`` (poppler-utils)
at 300 dpi in grey (PGM), then read by ``tesseract IMAGE stdout -l fra``; both run as
subprocesses with a time limit per page. The page text then goes through the same
normalisation and extraction as any other document.

Nothing here imports Django. Every failure is an ``OcrError`` whose message, in French,
says what is missing or what went wrong; ``readers`` prefixes it with the file name.

Progress: a callback ``progress(page, pages)`` is called before each page is read; pass
it to ``readers.read_document(..., progress=...)``, or wrap code that cannot pass it
(an import service) in ``with reporting(callback):``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import subprocess
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

Progress = Callable[[int, int], None]
"""``progress(page, pages)``: page ``page`` of the ``pages`` to read by OCR starts."""

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
LANGUAGE = "fra"
DPI = 300
PAGE_TIMEOUT = 120
"""Seconds allowed to render and read one page; a page over it stops the reading."""
MAX_PAGES = 300
"""A scan of more pages is refused (about 2 s a page: 10 minutes already)."""
MAX_PIXELS = 120_000_000
"""An image over this (an A3 page at 600 dpi is 70 million) is refused: memory."""
_MAX_SIDE = 9_000
"""A PDF page is rendered with at most this many pixels on its longer side."""
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})

_REPORT: ContextVar[Progress | None] = ContextVar("pacte_ocr_progress", default=None)


class OcrError(ValueError):
    """OCR impossible or failed; the message is French, without the file name.

    ``unreadable``: the tool refused the image itself (damaged, not what it says it is).
    """

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


@contextlib.contextmanager
def reporting(progress: Progress | None) -> Iterator[None]:
    """Within the block, OCR calls ``progress(page, pages)`` (unless given another one)."""
    token = _REPORT.set(progress)
    try:
        yield
    finally:
        _REPORT.reset(token)


def current_progress() -> Progress | None:
    return _REPORT.get()


# --- what is installed ----------------------------------------------------------------


def missing(*, pdf: bool) -> str | None:
    """Why OCR cannot run here, in French, or ``None`` when Tesseract and its French model
    (and, for a PDF, pdftoppm) are installed."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return (
            "la reconnaissance de caractères (OCR) demande Tesseract, absent de ce serveur "
            "(paquets Debian tesseract-ocr et tesseract-ocr-fra)"
        )
    if LANGUAGE not in _languages(tesseract, os.environ.get("TESSDATA_PREFIX", "")):
        return (
            "le modèle français de Tesseract n'est pas installé sur ce serveur "
            "(paquet Debian tesseract-ocr-fra) : OCR impossible"
        )
    if pdf and shutil.which("pdftoppm") is None:
        return (
            "la reconnaissance de caractères (OCR) d'un PDF demande pdftoppm, absent de ce "
            "serveur (paquet Debian poppler-utils)"
        )
    return None


@lru_cache(maxsize=8)
def _languages(tesseract: str, tessdata: str) -> frozenset[str]:
    """The models Tesseract lists (``tessdata``: the environment it ran in, for the cache)."""
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (done.stdout + done.stderr).decode("utf-8", "replace").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


# --- recognised pages, kept for the pages shown again -----------------------------------

_CACHE: OrderedDict[tuple[str, int], str] = OrderedDict()
_CACHE_SIZE = 400
_LOCK = threading.Lock()


def _cached(key: tuple[str, int]) -> str | None:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    return None


def _keep(key: tuple[str, int], text: str) -> None:
    with _LOCK:
        _CACHE[key] = text
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def clear_cache() -> None:
    """Forget the pages already read (a document shown again is otherwise not read twice)."""
    with _LOCK:
        _CACHE.clear()


# --- running the tools ----------------------------------------------------------------


def _run(command: list[str], page: int, what: str, timeout: float) -> bytes:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core a page: the server is shared
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as error:
        raise OcrError(
            f"OCR : la page {page} n'a pas été lue en moins de {round(timeout)} s ({what}) ; "
            "numérisez-la à 300 points par pouce ou importez un PDF avec couche texte"
        ) from error
    except OSError as error:
        raise OcrError(f"OCR : {what} n'a pas pu être lancé ({error.strerror or error})") from error
    if done.returncode != 0:
        raise OcrError(f"OCR : la page {page} est illisible ({what} a échoué)", unreadable=True)
    return done.stdout


def _recognise(image: Path, page: int, timeout: float, extra: list[str] | None = None) -> str:
    tesseract = shutil.which("tesseract") or "tesseract"
    command = [tesseract, str(image), "stdout", "-l", LANGUAGE, *(extra or [])]
    out = _run(command, page, "Tesseract", timeout)
    return out.decode("utf-8", "replace").translate(_LIGATURES)


def _report(progress: Progress | None, page: int, pages: int) -> None:
    if progress is not None:
        progress(page, pages)


# --- PDF pages --------------------------------------------------------------------------


def read_pdf_pages(
    data: bytes,
    numbers: list[int],
    sizes: dict[int, float],
    sha256: str,
    progress: Progress | None = None,
) -> dict[int, str]:
    """The OCR text of the PDF pages ``numbers`` (from 1); ``sizes``: each page's longer
    side in points, to keep the rendering within memory."""
    if len(numbers) > MAX_PAGES:
        raise OcrError(
            f"document scanné de {len(numbers)} pages : l'OCR est limité à {MAX_PAGES} pages ; "
            "découpez le document"
        )
    pdftoppm = shutil.which("pdftoppm") or "pdftoppm"
    texts: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="pacte-ocr-") as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(data)
        for index, number in enumerate(numbers, 1):
            _report(progress, index, len(numbers))
            cached = _cached((sha256, number))
            if cached is not None:
                texts[number] = cached
                continue
            longest = sizes.get(number) or 842.0
            dpi = max(36, min(DPI, int(_MAX_SIDE * 72 / max(longest, 1.0))))
            stem = Path(folder) / f"page-{number}"
            # uncompressed grey (PGM): a quarter of the time of a PNG, deleted at once
            command = [pdftoppm, "-r", str(dpi), "-gray", "-f", str(number)]
            command += ["-l", str(number), "-singlefile", str(source), str(stem)]
            _run(command, number, "pdftoppm", PAGE_TIMEOUT)
            image = stem.with_suffix(".pgm")
            if not image.is_file():
                raise OcrError(f"OCR : la page {number} n'a pas pu être rendue en image")
            text = _recognise(image, number, PAGE_TIMEOUT).replace("\f", "\n")
            image.unlink()
            _keep((sha256, number), text)
            texts[number] = text
    return texts


# --- images -----------------------------------------------------------------------------


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG or TIFF (first page) from its header, or ``None``."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff_size(data)
    except (struct.error, IndexError):
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            position += 1
            continue
        marker = data[position + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            position += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def tiff_pages(data: bytes) -> int:
    """How many pages (image directories) a TIFF holds; 0 when its header is unreadable."""
    order = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack(order + "I", data[4:8])[0]
    seen: set[int] = set()
    while 8 <= offset < len(data) and offset not in seen and len(seen) < 10_000:
        seen.add(offset)
        entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
        end = offset + 2 + 12 * entries
        offset = struct.unpack(order + "I", data[end : end + 4])[0]
    return len(seen)


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    order = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack(order + "I", data[4:8])[0]
    entries = struct.unpack(order + "H", data[offset : offset + 2])[0]
    found: dict[int, int] = {}
    for index in range(entries):
        entry = data[offset + 2 + 12 * index : offset + 14 + 12 * index]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            value = entry[8:12]
            found[tag] = (
                struct.unpack(order + "H", value[:2])[0]
                if kind == 3
                else struct.unpack(order + "I", value)[0]
            )
    if 256 in found and 257 in found:
        return found[256], found[257]
    return None


def read_image(
    data: bytes, extension: str, sha256: str, progress: Progress | None = None
) -> list[str]:
    """The OCR text of an image, one string per page (a TIFF may hold several)."""
    size = image_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise OcrError(
            f"image trop grande pour l'OCR ({size[0]} × {size[1]} pixels) ; "
            "numérisez à 300 points par pouce"
        )
    pages = tiff_pages(data) if extension in (".tif", ".tiff") else 1
    pages = max(pages, 1)
    if pages > MAX_PAGES:
        raise OcrError(
            f"image de {pages} pages : l'OCR est limité à {MAX_PAGES} pages ; découpez-la"
        )
    texts = []
    with tempfile.TemporaryDirectory(prefix="pacte-ocr-") as folder:
        image = Path(folder) / f"image{extension}"
        image.write_bytes(data)
        for number in range(1, pages + 1):
            _report(progress, number, pages)
            cached = _cached((sha256, number))
            if cached is None:
                extra = ["-c", f"tessedit_page_number={number - 1}"] if pages > 1 else []
                cached = _recognise(image, number, PAGE_TIMEOUT, extra).replace("\f", "\n")
                _keep((sha256, number), cached)
            texts.append(cached)
    return texts
