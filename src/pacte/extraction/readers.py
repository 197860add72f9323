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

>>> document = read_document("Article 1\\u00a0: l’objet\\r\\n".encode(), "convention.txt")
>>> document.text
"Article 1 : l'objet\\n"
>>> document.pages, document.page_of(10)
((Page(number=1, start=0, end=20),), 1)
"""

from __future__ import annotations

import bisect
import hashlib
import io
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from xml.etree import ElementTree

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


# --- normalisation ------------------------------------------------------------------

_SPACES = (
    "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000"
)
_CONTROLS = [
    *range(0x00, 0x09),
    0x0E,
    *range(0x0F, 0x20),
    0x7F,
    *range(0x80, 0x85),
    *range(0x86, 0xA0),
]
_TRANSLATION: dict[int, str | None] = {
    **{code: None for code in _CONTROLS},
    **{ord(space): " " for space in _SPACES},
    **{ord(c): "\n" for c in "\x0b\x85\u2028\u2029"},
    # Invisible characters that would split a word for every later search.
    **{ord(c): None for c in "\u00ad\u200b\ufeff"},
    **{ord(c): "'" for c in "\u2019\u02bc"},
}
# str.translate walks a dict for every character: find the few characters to change instead.
_TRANSLATED = re.compile("[" + re.escape("".join(map(chr, _TRANSLATION))) + "]")
_TRAILING_SPACES = re.compile(r" +(?=[\n\f]|\Z)")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")
# Compound words whose hyphen must survive a line break: "c'est-à-dire", "vice-président",
# "celle-ci", "elle-même", "peut-être", "a-t-il".
_COMPOUND_BEFORE = frozenset({"à", "vice"})
_COMPOUND_AFTER = frozenset(
    {"à", "ci", "là", "même", "mêmes", "être", "t", "il", "ils", "elle", "elles", "on"}
)


def _join_hyphenated(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if not (text[start - 1].islower() and text[end].islower()):
        return match.group()
    before = start
    while before > 0 and text[before - 1].isalpha():
        before -= 1
    after = end
    while after < len(text) and text[after].isalpha():
        after += 1
    if text[before:start] in _COMPOUND_BEFORE or text[end:after] in _COMPOUND_AFTER:
        return match.group()
    return ""


def normalise(text: str) -> str:
    """The text every extraction stage works on.

    NFC; Windows and Mac line ends become ``\\n``; no-break, narrow and thin spaces
    become plain spaces; soft hyphens, zero-width spaces and control characters
    other than tab, newline and form feed disappear; ``’`` becomes ``'``; trailing
    spaces are stripped; a word broken by a hyphen at a line end is joined when both
    sides are lowercase letters and it is not a known compound. Tabs, ``**``, HTML
    fragments and ``^{er}`` are kept for the later stages.

    >>> normalise("Le déve-\\r\\nloppement\\u202f; vice-\\nprésident  \\n")
    'Le développement ; vice-\\nprésident\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TRANSLATED.search(text):
        text = _TRANSLATED.sub(lambda match: _TRANSLATION[ord(match.group())] or "", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or " \f" in text or text.endswith(" "):
        text = _TRAILING_SPACES.sub("", text)
    if "-\n" in text:
        text = _HYPHEN_BREAK.sub(_join_hyphenated, text)
    if "|" in text:
        text = _untable(text)
    return text


# --- table art ----------------------------------------------------------------------

_GRID_BORDER = re.compile(r"[ \t]*\+(?:[-=:. ]*[-=][-=:. ]*\+)+[ \t]*")
"""« +-----+------+ »: a border of an ASCII-art table."""
_GRID_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*")
"""« | Présents | 17 | »: a row of an ASCII-art table (pipes at both ends)."""
_PIPE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*")
"""« ---- | ---- » or « |---|:--:| »: the rule under the header of a markdown table."""


def _cells(row: str, outer: bool) -> list[str]:
    """The cells of a row; ``outer``: the table has pipes at both ends of its rows."""
    row = row.strip()
    if outer:
        row = row.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in row.split("|")]


def _row_text(row: str, outer: bool = True) -> str:
    """A table row as plain text.

    Two cells read as « label : value » (or the value alone when the label cell is
    empty: the continuation of the row above); more cells are tab-separated, as the
    cells of a Word table are.
    """
    cells = _cells(row, outer)
    if len(cells) == 2:
        label, value = cells
        if not label:
            return value
        if not value:
            return label
        return f"{label} {value}" if label.endswith(":") else f"{label} : {value}"
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _untable(text: str) -> str:
    """ASCII-art and markdown tables become plain text; any other line is kept.

    A table is recognised only by its borders: rows « | … | » next to a « +---+ »
    border, or rows with pipes right above and under a « --- | --- » rule. Borders and
    rules become blank lines, so that each table stands as its own paragraph.
    """
    source = text.split("\n")
    kind = [""] * len(source)
    # a markdown table without pipes at the ends of its rows may start with an empty cell
    outer = [True] * len(source)
    for index, line in enumerate(source):
        if _GRID_BORDER.fullmatch(line):
            kind[index] = "border"
        elif "---" in line and _PIPE_RULE.fullmatch(line):
            kind[index] = "rule"
    if not any(kind):
        return text
    for index, mark in enumerate(kind):
        if mark == "border":
            # rows « | … | » running from this border on either side
            for step in (1, -1):
                other = index + step
                while 0 <= other < len(source) and not kind[other]:
                    if not _GRID_ROW.fullmatch(source[other]):
                        break
                    kind[other] = "row"
                    other += step
        elif mark == "rule":
            above = index - 1
            ends = source[index].strip().startswith("|")
            if above >= 0 and not kind[above] and "|" in source[above]:
                kind[above] = "row"
                outer[above] = ends
            other = index + 1
            while other < len(source) and not kind[other] and "|" in source[other]:
                kind[other] = "row"
                outer[other] = ends
                other += 1
    out: list[str] = []
    for line, mark, ends in zip(source, kind, outer, strict=True):
        if mark in ("border", "rule"):
            if out and out[-1] != "":
                out.append("")
        elif mark == "row":
            out.append(_row_text(line, ends))
        else:
            out.append(line)
    return "\n".join(out)


# --- entry point ----------------------------------------------------------------------


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
            if extension == ".pdf":
                page_texts, ocr_pages = _read_pdf(data, name, sha256, progress)
            elif extension in IMAGES:
                page_texts = _read_image(data, name, extension, sha256, progress)
                ocr_pages = tuple(range(1, len(page_texts) + 1))
            else:
                page_texts = _READERS[extension](data, name)
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
    )


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
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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


# --- docx -----------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W_VAL = f"{_W}val"
# Block wrappers Word puts around paragraphs, rows or cells (content controls, custom XML).
_DOCX_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})
# Never part of the running text: properties, deleted or moved-away text, drawings and
# text boxes (mc:AlternateContent holds them twice), field codes.
_DOCX_SKIPPED = frozenset(
    f"{_W}{tag}"
    for tag in (
        "pPr",
        "rPr",
        "sdtPr",
        "del",
        "moveFrom",
        "drawing",
        "pict",
        "object",
        "instrText",
        "delText",
    )
) | {f"{_MC}AlternateContent"}
_DOCX_CHARACTERS = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}


def _read_docx(data: bytes, name: str) -> list[str]:
    _open_zip(data, name, ".docx").close()
    import docx

    document = docx.Document(io.BytesIO(data))
    numbering = _DocxNumbering(document)
    return ["\n\n".join(_docx_blocks(document.element.body, numbering))]


def _docx_blocks(container: Any, numbering: _DocxNumbering | None) -> Iterator[str]:
    """Paragraphs (with their list label) and tables of a body or cell, in order."""
    for child in container:
        if child.tag == f"{_W}p":
            parts: list[str] = [numbering.label(child)] if numbering else []
            _docx_inline(child, parts)
            text = "".join(parts)
            if text.strip():
                yield text
        elif child.tag == f"{_W}tbl":
            rows = [row for row in _docx_rows(child, numbering) if row.strip()]
            if rows:
                yield "\n".join(rows)
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_blocks(child, numbering)


def _docx_children(element: Any, tag: str) -> Iterator[Any]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_children(child, tag)


def _docx_rows(table: Any, numbering: _DocxNumbering | None) -> Iterator[str]:
    for row in _docx_children(table, f"{_W}tr"):
        cells = []
        for cell in _docx_children(row, f"{_W}tc"):
            cells.append(_cell_text(_docx_blocks(cell, numbering)))
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            # A cell merged across columns keeps the others as empty cells, as in the seeds.
            cells.extend([""] * (_count(span.get(_W_VAL) if span is not None else None) - 1))
        yield "\t".join(cells)


def _docx_inline(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _DOCX_CHARACTERS:
            parts.append(_DOCX_CHARACTERS[tag])
        elif isinstance(tag, str) and tag not in _DOCX_SKIPPED:
            _docx_inline(child, parts)  # runs, hyperlinks, insertions, fields, smart tags


class _DocxNumbering:
    """Labels of Word's automatic numbering ("Article 3 :", "1.", "a)"), absent from the text.

    Simplified: counters per abstract numbering, decimal/roman/letter formats, bullets
    shown as "- " like the seeds; numbering from a paragraph style is followed.
    """

    def __init__(self, document: Any) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE

        self.levels: dict[str, dict[str, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[str, int]]] = {}
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[str, dict[str, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:
            return
        for abstract in root.iterfind(f"{_W}abstractNum"):
            levels = self.levels.setdefault(abstract.get(f"{_W}abstractNumId", ""), {})
            for level in abstract.iterfind(f"{_W}lvl"):
                levels[level.get(f"{_W}ilvl", "0")] = (
                    _w_val(level, "numFmt") or "decimal",
                    _w_val(level, "lvlText") or "",
                    _integer(_w_val(level, "start"), 1),
                )
                style = _w_val(level, "pStyle")
                if style:
                    self.styles.setdefault(style, (None, level.get(f"{_W}ilvl", "0")))
        for num in root.iterfind(f"{_W}num"):
            overrides = {
                override.get(f"{_W}ilvl", "0"): _integer(_w_val(override, "startOverride"), 1)
                for override in num.iterfind(f"{_W}lvlOverride")
                if _w_val(override, "startOverride") is not None
            }
            self.nums[num.get(f"{_W}numId", "")] = (_w_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iterfind(f"{_W}style"):
            num_id = _w_val(style, "pPr/{w}numPr/{w}numId")
            if num_id is not None:
                level = self.styles.get(style.get(f"{_W}styleId", ""), (None, None))[1]
                self.styles[style.get(f"{_W}styleId", "")] = (
                    num_id,
                    _w_val(style, "pPr/{w}numPr/{w}ilvl") or level,
                )

    def label(self, paragraph: Any) -> str:
        num_id = _w_val(paragraph, "pPr/{w}numPr/{w}numId")
        level = _w_val(paragraph, "pPr/{w}numPr/{w}ilvl")
        style_num, style_level = self.styles.get(
            _w_val(paragraph, "pPr/{w}pStyle") or "", (None, None)
        )
        num_id = num_id or style_num
        if num_id is None or num_id not in self.nums:
            return ""
        level = level or style_level or "0"
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        fmt, template, _ = levels[level]
        if fmt == "bullet":
            return "- "
        if fmt == "none" or not template:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [
            key for key in counters if key.isdigit() and level.isdigit() and int(key) > int(level)
        ]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            index = str(int(match.group(1)) - 1)
            format_, _, start = levels.get(index, ("decimal", "", 1))
            return _number(counters.get(index, start), format_)

        return re.sub(r"%([1-9])", value, template) + " "


def _w_val(element: Any, path: str) -> str | None:
    found = element.find(f"{_W}" + path.replace("{w}", _W))
    return None if found is None else found.get(_W_VAL)


def _number(value: int, format_: str) -> str:
    if format_ in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if format_ == "upperRoman" else roman.lower()
    if format_ in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if format_ == "upperLetter" else letter.lower()
    if format_ == "decimalZero":
        return f"{value:02d}"
    return str(value)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(value: int) -> str:
    result = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        result.append(numeral * count)
    return "".join(result) or "0"


# --- odt ------------------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# Declarations, deleted text kept for change tracking, forms: never running text.
_ODT_SKIPPED_BLOCKS = frozenset(
    {
        f"{_TEXT}tracked-changes",
        f"{_TEXT}sequence-decls",
        f"{_TEXT}variable-decls",
        f"{_TEXT}user-field-decls",
    }
    | {
        f"{_OFFICE}forms",
        f"{_TABLE}table-columns",
        f"{_TABLE}table-column",
        f"{_TABLE}table-header-columns",
    }
)
# Notes and comments are left out like Word's footnotes; frames (images, text boxes) too.
_ODT_SKIPPED_INLINE = frozenset({f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"})
_ODT_ROW_GROUPS = frozenset(
    {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"}
)
_ODT_WHITESPACE = re.compile(r"[ \t\r\n]+")


def _read_odt(data: bytes, name: str) -> list[str]:
    with _open_zip(data, name, ".odt") as archive:
        try:
            content = archive.read("content.xml")
        except KeyError as error:
            raise ReadError(name, f"{_DAMAGED['.odt']} (content.xml absent)") from error
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise ReadError(name, _DAMAGED[".odt"])  # ODF never needs a DTD; entities can explode
    body = ElementTree.fromstring(content).find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ReadError(name, f"{_DAMAGED['.odt']} (pas de corps de texte)")
    return ["\n\n".join(_odt_blocks(body))]


def _odt_blocks(container: ElementTree.Element) -> Iterator[str]:
    for child in container:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            parts: list[str] = []
            _odt_inline(child, parts)
            text = "".join(parts).lstrip(" ")
            if text.strip():
                yield text
        elif child.tag == f"{_TABLE}table":
            rows = list(_odt_rows(child))
            if rows:
                yield "\n".join(rows)
        elif child.tag not in _ODT_SKIPPED_BLOCKS and not child.tag.startswith(_DRAW):
            yield from _odt_blocks(child)  # sections, lists, list items, indexes


def _odt_rows(container: ElementTree.Element) -> Iterator[str]:
    for child in container:
        if child.tag in _ODT_ROW_GROUPS:
            yield from _odt_rows(child)
        elif child.tag == f"{_TABLE}table-row":
            cells: list[str] = []
            for cell in child:
                if cell.tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    text = _cell_text(_odt_blocks(cell))
                    cells.extend([text] * _count(cell.get(f"{_TABLE}number-columns-repeated")))
            if any(cells):
                yield from ["\t".join(cells)] * _count(child.get(f"{_TABLE}number-rows-repeated"))


def _odt_inline(element: ElementTree.Element, parts: list[str]) -> None:
    if element.text:
        parts.append(_ODT_WHITESPACE.sub(" ", element.text))  # ODF collapses XML whitespace
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            parts.append(" " * _count(child.get(f"{_TEXT}c")))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag not in _ODT_SKIPPED_INLINE and not tag.startswith(_DRAW):
            _odt_inline(child, parts)  # spans, links, list numbers, fields
        if child.tail:
            parts.append(_ODT_WHITESPACE.sub(" ", child.tail))


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


_READERS = {
    ".txt": _read_text,
    ".md": _read_text,
    ".docx": _read_docx,
    ".odt": _read_odt,
}
