"""What the bytes really are (a .docx that is a PDF…), plain text (UTF-8, UTF-16, cp1252),
and the zip containers of .docx and .odt."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pacte.extraction.lazy import lazy
from pacte.extraction.readers.base import (
    _DAMAGED,
    _KIND,
    _MAX_REPEAT,
    _MAX_UNZIPPED,
    IMAGES,
    SUPPORTED,
    ReadError,
)

if TYPE_CHECKING:
    import zipfile

# --- what the bytes really are ------------------------------------------------------

_ODT_MIMETYPES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)


def _sniff(data: bytes) -> tuple[str, str] | None:
    """``(kind, description)`` of the bytes from their magic number, or ``None``."""
    if data.startswith(b"%PDF-"):
        return ".pdf", "un PDF"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png", "une image PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg", "une image JPEG"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return ".tif", "une image TIFF"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole", "un document Office 97-2003 (.doc ou .xls)"
    if data.startswith(b"{\\rtf"):
        return "rtf", "un document RTF"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        import zipfile  # only for a zip container: kept out of start-up

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            small = "mimetype" in names and archive.getinfo("mimetype").file_size < 256
            mimetype = archive.read("mimetype").strip() if small else b""
    except Exception:
        return "zip", "une archive ZIP"
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return ".docx", "un document Word (.docx)"
    if mimetype in _ODT_MIMETYPES or ("content.xml" in names and not mimetype):
        return ".odt", "un document OpenDocument texte (.odt)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        return "odf", "un document OpenDocument qui n'est pas un texte (classeur, présentation…)"
    if any(n.startswith("xl/") for n in names):
        return "xlsx", "un classeur Excel (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "pptx", "une présentation PowerPoint (.pptx)"
    return "zip", "une archive ZIP"


def _refuse_mismatch(data: bytes, name: str, extension: str) -> None:
    sniffed = _sniff(data)
    expected = _KIND.get(extension, extension)
    if sniffed is None:
        if extension == ".pdf" and b"%PDF-" in data[:1024]:
            return  # readers tolerate a few bytes before the header
        if extension in (".docx", ".odt", ".pdf", *IMAGES):
            raise ReadError(name, _DAMAGED[extension])
        return
    kind, description = sniffed
    if kind == expected or (kind == "zip" and extension in (".docx", ".odt")):
        return  # a damaged archive: the reader says so
    if kind in SUPPORTED:
        advice = f"renommez-le en {kind}"
    else:
        advice = "enregistrez-le au format .docx, .odt ou .pdf"
    raise ReadError(
        name,
        f"le contenu ne correspond pas à l'extension {extension} : c'est {description} ; {advice}",
    )


# --- plain text -----------------------------------------------------------------------


# Control characters no text editor writes; more than 1 % of them means binary content.
_BINARY = lazy(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _read_text(data: bytes, name: str) -> list[str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return [data.decode("utf-16")]
        except UnicodeDecodeError as error:
            raise ReadError(name, "fichier texte UTF-16 mal encodé") from error
    if b"\x00" in data:
        raise ReadError(
            name,
            "contenu binaire, pas du texte ; enregistrez le document au format .txt, .docx, .odt ou .pdf",
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if len(_BINARY.findall(text)) * 100 > len(text):
        raise ReadError(
            name,
            "contenu binaire, pas du texte ; enregistrez le document au format .txt, .docx, .odt ou .pdf",
        )
    return [text]


# --- zip-based formats ----------------------------------------------------------------


def _open_zip(data: bytes, name: str, extension: str) -> zipfile.ZipFile:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:
        raise ReadError(name, _DAMAGED[extension]) from error
    if sum(info.file_size for info in archive.infolist()) > _MAX_UNZIPPED:
        raise ReadError(
            name, f"{_DAMAGED[extension]} (contenu décompressé anormalement volumineux)"
        )
    return archive


def _count(value: str | None, default: int = 1) -> int:
    try:
        return min(max(int(value or default), 1), _MAX_REPEAT)
    except ValueError:
        return default


def _integer(value: str | None, default: int) -> int:
    try:
        return max(int(value or default), 0)
    except ValueError:
        return default


def _cell_text(blocks: Iterator[str]) -> str:
    """A table cell on one line: its paragraphs joined by spaces, no tab to shift columns."""
    return " ".join(block.replace("\t", " ").replace("\n", " ") for block in blocks).strip()
